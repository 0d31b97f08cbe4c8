import Redis from "ioredis";

const redis = new Redis();

// The owner is read in a MULTI and compared from its replies: the lock can
// expire and pass to another holder between the EXEC and the DEL.
export async function releaseLock(name: string, token: string): Promise<void> {
  const key = `lock:${name}`;
  const replies = await redis.multi().get(key).pttl(key).exec();
  const owner = replies?.[0]?.[1];
  if (owner !== token) {
    return;
  }
  await redis.del(key); // expect: redis-lock-unsafe-release
}
