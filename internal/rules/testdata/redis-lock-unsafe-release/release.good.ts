import Redis from "ioredis";

const redis = new Redis();

const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`;

redis.defineCommand("releaseLock", { numberOfKeys: 1, lua: RELEASE });

export async function release(name: string, token: string) {
  return redis.eval(RELEASE, 1, `lock:${name}`, token);
}

// Cache keys are not locks.
export async function invalidate(path: string, userId: string) {
  await redis.del(`page:${path}`);
  await redis.del(`session:${userId}`, `blocklist:${userId}`, `lockout:${userId}`);
  const cached = await redis.get(`page:${path}`);
  if (cached === "stale") {
    await redis.del(`page:${path}`);
  }
}

// WATCH makes the compare-and-delete optimistic and safe.
export async function releaseWatched(lockKey: string, token: string) {
  await redis.watch(lockKey);
  const holder = await redis.get(lockKey);
  if (holder === token) {
    await redis.multi().del(lockKey).exec();
  } else {
    await redis.unwatch();
  }
}

// A Map is not Redis.
const locks = new Map<string, string>();
export function forget(lockKey: string) {
  locks.delete(lockKey);
}
