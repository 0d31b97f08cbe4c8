import { Link } from "./Link";

export function Open({ id }: { id: string }) {
  return (
    <Link
      onOpen={async () => { // expect: floating-promise
        await fetch(`/api/documents/${id}/open`, { method: "POST" });
      }}
    >
      Open
    </Link>
  );
}
