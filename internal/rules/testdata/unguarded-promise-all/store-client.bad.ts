import type { Storage } from "unstorage";

// Two writes of the same key through one client: the store applies them
// in either order, so the item may end up written or removed.
export async function rotate(storage: Storage, key: string, next: string) {
  await Promise.all([storage.removeItem(key), storage.setItem(key, next)]); // expect: unguarded-promise-all
}
