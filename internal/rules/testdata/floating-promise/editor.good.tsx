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
