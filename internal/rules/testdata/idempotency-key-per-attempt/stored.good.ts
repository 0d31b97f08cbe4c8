import { nanoid } from "nanoid";

type Store = { upsertToken(q: unknown): Promise<{ id: string }> };

// A placeholder key written to a record on each attempt of an upsert that
// retries on conflicts: nothing is sent to a server.
export async function createToken(store: Store, environmentId: string, idempotencyKey?: string) {
  let attempts = 0;
  while (attempts < 5) {
    attempts++;
    try {
      return await store.upsertToken({
        where: { environmentId, idempotencyKey: idempotencyKey ?? nanoid(24) },
        create: { environmentId, idempotencyKey: idempotencyKey ?? nanoid(24) },
      });
    } catch {
      continue;
    }
  }
  throw new Error("could not create the token");
}
