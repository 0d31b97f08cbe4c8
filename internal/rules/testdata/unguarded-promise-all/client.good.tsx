"use client";
import { useState } from "react";

type Api = { keys: { updateKey(x: { keyId: string; enabled: boolean }): Promise<void> } };

// Browser code calls a remote API: there is no transaction to run in.
export function useToggleKeys(client: Api) {
  const [busy, setBusy] = useState(false);
  return async (ids: string[], enabled: boolean) => {
    setBusy(true);
    await Promise.all(ids.map((keyId) => client.keys.updateKey({ keyId, enabled })));
    setBusy(false);
    return busy;
  };
}
