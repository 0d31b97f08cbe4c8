import { nanoid } from "nanoid";

type Store = {
  findWaitpoint(q: unknown): Promise<{ id: string; expiresAt?: Date } | null>;
  updateWaitpoint(q: unknown): Promise<void>;
  upsertWaitpoint(q: unknown): Promise<{ id: string }>;
};

// The lookup only serves a cached result or retires an expired key; the
// creation itself is an atomic upsert on the key.
export async function createWaitpoint(store: Store, environmentId: string, idempotencyKey?: string) {
  const existing = idempotencyKey ? await store.findWaitpoint({ where: { environmentId, idempotencyKey } }) : undefined;
  if (existing) {
    if (existing.expiresAt && new Date() > existing.expiresAt) {
      await store.updateWaitpoint({ where: { id: existing.id }, data: { idempotencyKey: nanoid(24) } });
    } else {
      return existing;
    }
  }
  return store.upsertWaitpoint({
    where: { environmentId_idempotencyKey: { environmentId, idempotencyKey: idempotencyKey ?? nanoid(24) } },
    create: { environmentId, idempotencyKey: idempotencyKey ?? nanoid(24) },
    update: {},
  });
}
