import Redis from "ioredis";
import { randomUUID } from "crypto";

const redis = new Redis();

// The script compares the owner, but deletes on the other path too.
const releaseScript = `
local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then
  redis.call('publish', 'released', KEYS[1])
end
return redis.call('del', KEYS[1]) -- expect: redis-lock-unsafe-release
`;

export async function release(name: string, token: string): Promise<unknown> {
  return redis.eval(releaseScript, 1, `lock:${name}`, token);
}

// A script that deletes the lock with no comparison at all.
export async function forceRelease(name: string): Promise<unknown> {
  return redis.eval("return redis.call('DEL', KEYS[1])", 1, `mutex:${name}`); // expect: redis-lock-unsafe-release
}

// The finally deletes the lock even when SET NX failed and the try block
// returned: it deletes the lock another request holds.
export async function runExclusive(name: string, work: () => Promise<void>): Promise<boolean> {
  const lockKey = `lock:${name}`;
  const token = randomUUID();
  try {
    const ok = await redis.set(lockKey, token, "PX", 30000, "NX");
    if (!ok) {
      return false;
    }
    await work();
    return true;
  } finally {
    await redis.del(lockKey); // expect: redis-lock-unsafe-release
  }
}
