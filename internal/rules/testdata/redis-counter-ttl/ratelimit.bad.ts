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
