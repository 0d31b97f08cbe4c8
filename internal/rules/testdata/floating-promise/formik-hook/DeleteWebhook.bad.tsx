"use client";
import React, { useState } from "react";
import { PlainForm } from "./ModalForm";

// The DOM form drops the promise: a failed delete leaves the spinner on.
export function DeleteWebhook({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const onSubmit = async () => {
    setBusy(true);
    await fetch(`/api/webhooks/${id}`, { method: "DELETE" });
    setBusy(false);
  };
  return busy ? <p>Deleting</p> : <PlainForm onSubmit={onSubmit} />; // expect: floating-promise
}
