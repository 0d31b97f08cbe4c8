import { Button } from "./lib/ui";

async function archive(id: string) {
  const res = await fetch(`/api/archive/${id}`, { method: "POST" });
  if (!res.ok) throw new Error("archive failed");
}

export function Toolbar({ id }: { id: string }) {
  const handleArchive = async () => {
    await archive(id);
  };
  return (
    <div>
      <Button onClick={handleArchive}>Archive</Button> {/* expect: floating-promise */}
    </div>
  );
}
