import { save } from "./http";

// A save through the same helper: a failure is silent.
export function Editor({ id, draft }) {
  return <button onClick={() => save(`/docs/${id}`, draft)}>Save</button>; // expect: floating-promise
}
