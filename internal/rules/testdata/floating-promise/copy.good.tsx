import { useCallback, useState } from "react";
import { copyTextToClipboard, writeClipboard } from "./lib/clipboard";

// Written at once from the click: the user activation is there, and the
// write does not reject in practice.
export function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async () => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }, [url]);
  return <button onClick={copy}>{copied ? "Copied" : "Copy"}</button>;
}

export function CopyId({ id }: { id: string }) {
  return <button onClick={() => navigator.clipboard.writeText(id)}>Copy id</button>;
}

// Through a project helper that writes at once: the same as a direct write.
export function CopyTrace({ traceId }: { traceId: string }) {
  return <button onClick={() => copyTextToClipboard(traceId)}>Copy trace id</button>;
}

export function CopyValue({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  const handleCopy = () => {
    setCopied(true);
    writeClipboard(value);
  };
  return <button onClick={handleCopy}>{copied ? "Copied" : "Copy value"}</button>;
}
