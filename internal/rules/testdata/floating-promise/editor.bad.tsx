import { useState } from "react";

async function saveDraft(text: string): Promise<void> {
  const res = await fetch("/api/drafts", { method: "POST", body: text });
  if (!res.ok) throw new Error("save failed");
}

export function Editor() {
  const [text, setText] = useState("");
  const handleSave = async () => {
    await saveDraft(text);
  };
  return (
    <div>
      <textarea value={text} onChange={(e) => setText(e.target.value)} />
      <button onClick={() => saveDraft(text)}>Save</button> {/* expect: floating-promise */}
      <button onClick={handleSave}>Save again</button> {/* expect: floating-promise */}
      <button
        onClick={async () => { // expect: floating-promise
          await saveDraft(text);
          setText("");
        }}
      >
        Save and clear
      </button>
    </div>
  );
}

type ToolbarProps = { onPublish: () => Promise<void>; onClose: () => void };

export function Toolbar({ onPublish, onClose }: ToolbarProps) {
  return (
    <div>
      <button onClick={() => onPublish()}>Publish</button> {/* expect: floating-promise */}
      <button onClick={() => onClose()}>Close</button>
    </div>
  );
}
