import { useState } from "react";
import { load, save } from "./http";

// A save through the same helper: a failure is silent.
export function Editor({ id, draft }) {
  return <button onClick={() => save(`/docs/${id}`, draft)}>Save</button>; // expect: floating-promise
}

// Marked done only when the read succeeds: a failure leaves the spinner.
export function Report({ id }) {
  const [ready, setReady] = useState(false);
  const [report, setReport] = useState(null);
  const open = () => {
    load(`/reports/${id}`).then((r) => { // expect: floating-promise
      setReport(r);
      setReady(true);
    });
  };
  return <button onClick={open}>{ready ? report.title : "..."}</button>;
}
