import { useEffect, useState } from "react";

async function saveDraft(text: string): Promise<void> {
  const res = await fetch("/api/drafts", { method: "POST", body: text });
  if (!res.ok) throw new Error("save failed");
}

function report(err: unknown) {
  console.error(err);
}

export function Editor() {
  const [text, setText] = useState("");
  const handleSave = async () => {
    try {
      await saveDraft(text);
    } catch (err) {
      report(err);
    }
  };
  useEffect(() => {
    saveDraft("").catch(report);
  }, []);
  return (
    <div>
      <textarea value={text} onChange={(e) => setText(e.target.value)} />
      <button onClick={() => void saveDraft(text)}>Save</button>
      <button onClick={() => { saveDraft(text).catch(report); }}>Save</button>
      <button onClick={handleSave}>Save again</button>
    </div>
  );
}

// A button that awaits what its onClick returns and shows a spinner.
function AsyncButton({ onClick, label }: { onClick: () => unknown; label: string }) {
  const [busy, setBusy] = useState(false);
  const handle = async () => {
    const ret = onClick();
    setBusy(true);
    try {
      await ret;
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return <button onClick={handle} disabled={busy}>{label}</button>;
}

export function Publisher() {
  return <AsyncButton onClick={() => saveDraft("x")} label="Publish" />;
}

// TanStack Query's refetch reports errors through the query state.
export function Reloader({ refetch }: { refetch: () => Promise<unknown> }) {
  return (
    <button
      onClick={async () => {
        await refetch();
      }}
    >
      Reload
    </button>
  );
}
