import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();
const LOCK_KEY = "cron:queue-retry";

export async function runCron(work: () => Promise<void>) {
  const acquired = await redis.set(LOCK_KEY, "1", { nx: true, ex: 600 });
  if (!acquired) return "busy";
  try {
    await work();
  } finally {
    await redis.del(LOCK_KEY); // expect: redis-lock-unsafe-release
  }
  return "done";
}

export async function withdraw(partnerId: string, payout: () => Promise<void>) {
  const lockKey = `withdrawal:${partnerId}`;
  if (!(await redis.set(lockKey, "1", { nx: true, ex: 60 }))) throw new Error("in progress");
  try {
    await payout();
  } finally {
    await redis.del(lockKey); // expect: redis-lock-unsafe-release
  }
}
