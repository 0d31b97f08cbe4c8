import { useEffect, useState } from "react";
import { getJSON } from "./client";

// Reads through the helper, whose method defaults to "get": when one
// fails, the browser logs it and the field stays empty. Nothing is left
// set and no change is lost.
export function About() {
  const [version, setVersion] = useState<string>();
  const [count, setCount] = useState<number>();
  useEffect(() => {
    getJSON("/app/status").then((r) => setVersion(r.version));
    getJSON("/rules/count").then((r) => setCount(r));
  }, []);
  return <p>{version} {count}</p>;
}

// The flag rests at its initial value: set on the way and set back in
// finally, so a failed read leaves it as it started.
export function Preview() {
  const [previewing, setPreviewing] = useState(false);
  const [rows, setRows] = useState<object[]>([]);
  const preview = async (name: string) => {
    const meta = await getJSON(`/imports/${name}`);
    setPreviewing(true);
    try {
      setRows(await getJSON(`/imports/${meta.id}/rows`));
    } finally {
      setPreviewing(false);
    }
  };
  return <button onClick={() => preview("latest")} disabled={previewing}>{rows.length}</button>;
}
