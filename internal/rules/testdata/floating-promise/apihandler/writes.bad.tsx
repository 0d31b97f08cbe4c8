import { deleteJSON, postJSON } from "./client";

// The same helper called for a write: a failed save is silent.
export function SaveButton({ rule }: { rule: object }) {
  return <button onClick={() => { postJSON("/rules", rule); }}>Save</button>; // expect: floating-promise
}

export function RemoveButton({ id, onRemove }: { id: number; onRemove: () => void }) {
  const remove = () => {
    deleteJSON(`/collections/media/${id}`); // expect: floating-promise
    onRemove();
  };
  return <button onClick={remove}>Remove</button>;
}
