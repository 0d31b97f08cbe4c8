"use client";
import { useEffect } from "react";

async function loadSettings(id: string): Promise<unknown> {
  const res = await fetch(`/api/settings/${id}`);
  if (!res.ok) throw new Error("load failed");
  return res.json();
}

export function useSettings(id: string, apply: (s: unknown) => void) {
  useEffect(() => {
    loadSettings(id).then(apply); // expect: floating-promise
  }, [id, apply]);
}
