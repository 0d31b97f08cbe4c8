import Redis from "ioredis";

const redis = new Redis();
const MISSING = "__missing__";

// A dedup gate: the marker is removed when the work fails so that a retry
// gets through. It records a fact, it is not a lock.
export async function deliver(endpointId: string, deliveryId: string, send: () => Promise<void>) {
  const gateKey = `webhookdedupe:${endpointId}:${deliveryId}`;
  const claimed = await redis.set(gateKey, deliveryId, "EX", 3600, "NX");
  if (claimed !== "OK") return "duplicate";
  try {
    await send();
  } catch (err) {
    await redis.del(gateKey);
    throw err;
  }
  return "sent";
}

// A negative-cache entry written only if absent, evicted on failure.
export async function rememberMissing(id: string) {
  await redis.set(`deployment:${id}`, MISSING, "EX", 60, "NX");
}

export async function evict(id: string) {
  await redis.del(`deployment:${id}`);
}

// Two functions, two different redisKey variables.
export async function claimSlot(slot: string, claimId: string) {
  const redisKey = `slot:${slot}`;
  return redis.set(redisKey, `pending:${claimId}`, "PX", 5000, "NX");
}

export async function resetCounter(name: string) {
  const redisKey = `counter:${name}`;
  await redis.del(redisKey);
}
