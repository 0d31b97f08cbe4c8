import { useState } from "react";

async function save(text: string): Promise<void> {
  await fetch("/api/notes", { method: "POST", body: text });
}

async function publish(text: string): Promise<void> {
  if (!text) throw new Error("nothing to publish");
  await fetch("/api/publish", { method: "POST", body: text });
}

export function Toolbar() {
  const [busy, setBusy] = useState(false);
  const archive = async () => {
    setBusy(true);
    await fetch("/api/archive", { method: "POST" });
    setBusy(false);
  };
  return (
    <div>
      <button onClick={() => save("x")}>Save</button>
      <button onClick={() => publish("")}>Publish</button>
      <button disabled={busy} onClick={archive}>Archive</button>
    </div>
  );
}
