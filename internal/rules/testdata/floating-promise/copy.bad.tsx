import { useCallback, useState } from "react";

// The clipboard API rejects when permission is denied.
export function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async () => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }, [url]);
  return <button onClick={copy}>{copied ? "Copied" : "Copy"}</button>; // expect: floating-promise
}
