type Props = { onRemove: () => Promise<void> };

export const RemoveModal = (props: Props) => {
  return <button onClick={() => props.onRemove()}>Remove</button>;
};
