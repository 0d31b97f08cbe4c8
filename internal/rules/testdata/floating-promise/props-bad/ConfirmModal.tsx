type Props = {
  title: string;
  onConfirm: () => Promise<void>;
};

export const ConfirmModal = ({ title, onConfirm }: Props) => {
  return <button onClick={() => onConfirm()}>{title}</button>; // expect: floating-promise
};
