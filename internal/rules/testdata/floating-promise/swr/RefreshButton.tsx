type Props = {
  label: string;
  onRefresh: () => Promise<unknown>;
};

// Every element gives onRefresh the mutate of a useSWR result: called
// without data it only revalidates, and useSWR keeps a failed fetch in
// its error state, so the dropped promise cannot reject.
export function RefreshButton({ label, onRefresh }: Props) {
  return (
    <button
      onClick={() => {
        onRefresh();
      }}
    >
      {label}
    </button>
  );
}
