"use client";
import React from "react";
import ModalForm from "./ModalForm";

export function CreateWebhook({ teamId }: { teamId: string }) {
  const onSubmit = async (values: { name: string }) => {
    const res = await fetch(`/api/teams/${teamId}/webhooks`, { method: "POST", body: JSON.stringify(values) });
    if (!res.ok) throw new Error(await res.text());
  };
  return <ModalForm initialValues={{ name: "" }} onSubmit={onSubmit} />;
}
