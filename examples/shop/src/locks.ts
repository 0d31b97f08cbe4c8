import { randomUUID } from "node:crypto";
import { redis } from "./db";

// BUG: no TTL, so a crashed holder keeps the lock forever.
export async function lockOrder(orderId: string): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(`lock:order:${orderId}`, token, "NX");
  return ok === "OK" ? token : null;
}

// BUG: deletes the lock even when another worker holds it now.
export async function unlockOrder(orderId: string): Promise<void> {
  await redis.del(`lock:order:${orderId}`);
}

const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
`;

// Correct: TTL on acquire, compare-and-delete on release.
export async function withJobLock<T>(jobId: string, fn: () => Promise<T>): Promise<T | null> {
  const token = randomUUID();
  const key = `lock:job:${jobId}`;
  if ((await redis.set(key, token, "PX", 30_000, "NX")) !== "OK") return null;
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
