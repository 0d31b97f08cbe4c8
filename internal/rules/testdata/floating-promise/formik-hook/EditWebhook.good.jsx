"use client";
import React from "react";
import ModalForm from "./ModalForm";

export function EditWebhook({ id }) {
  return (
    <ModalForm
      initialValues={{ name: "" }}
      onSubmit={async (values) => {
        const res = await fetch(`/api/webhooks/${id}`, { method: "PUT", body: JSON.stringify(values) });
        if (!res.ok) throw new Error(await res.text());
      }}
    />
  );
}
