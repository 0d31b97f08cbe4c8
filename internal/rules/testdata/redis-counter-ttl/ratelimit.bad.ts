import { createClient } from "redis";

const client = createClient();

export async function consume(userId: string, windowMs: number): Promise<boolean> {
  const key = `login-attempts:${userId}`;
  const attempts = await client.incrBy(key, 1); // expect: redis-counter-ttl
  if (attempts === 1) {
    await client.pExpire(key, windowMs);
  }
  return attempts <= 5;
}

export async function consumeAfterExec(userId: string): Promise<number> {
  const key = `api:${userId}`;
  const [[, n]] = (await client.multi().incr(key).exec()) as unknown as [unknown, number][]; // expect: redis-counter-ttl
  if (n === 1) {
    await client.expire(key, 60);
  }
  return n;
}
