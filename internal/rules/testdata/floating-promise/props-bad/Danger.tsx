import { ConfirmModal } from "./ConfirmModal";

// One element passes a function whose request can fail: the modal drops
// that rejection.
export function Danger() {
  return <ConfirmModal title="Delete" onConfirm={() => fetch("/api/delete", { method: "POST" }).then(() => undefined)} />; // expect: floating-promise
}
