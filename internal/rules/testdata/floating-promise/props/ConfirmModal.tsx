type Props = {
  title: string;
  onConfirm: () => Promise<void>;
};

// Calls its prop without awaiting it: whether that can reject depends on
// what the elements that render the modal pass for it.
export const ConfirmModal = ({ title, onConfirm }: Props) => {
  return <button onClick={() => onConfirm()}>{title}</button>;
};
