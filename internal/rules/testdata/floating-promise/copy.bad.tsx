import { writeClipboard } from "./lib/clipboard";
import { useCallback, useState } from "react";

// The clipboard write comes after an await: by then the click's user
// activation may have expired (Safari keeps none across an await, Firefox
// five seconds), and writeText rejects.
export function CopyReport({ load }: { load: () => Promise<string> }) {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async () => {
    const text = await load();
    await navigator.clipboard.writeText(text);
    setCopied(true);
  }, [load]);
  return <button onClick={copy}>{copied ? "Copied" : "Copy"}</button>; // expect: floating-promise
}

// The helper is called only after an await: by then the user activation
// may have expired, and the write can reject.
export function CopyLog({ load }: { load: () => Promise<string> }) {
  const handleCopy = async () => {
    const text = await load();
    writeClipboard(text); // expect: floating-promise
  };
  return <button onClick={handleCopy}>Copy report</button>;
}
