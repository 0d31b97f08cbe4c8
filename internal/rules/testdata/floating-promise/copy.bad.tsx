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
