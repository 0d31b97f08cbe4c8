import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL });

export async function lockReport(day: string, token: string): Promise<boolean> {
  const reply = await client.set(`report:${day}`, token, { NX: true }); // expect: redis-lock-without-ttl
  return reply === "OK";
}

export async function lockV5(key: string, token: string): Promise<boolean> {
  const reply = await client.set(key, token, { condition: "NX" }); // expect: redis-lock-without-ttl
  return reply === "OK";
}

export async function lockRaw(key: string, token: string) {
  return client.sendCommand(["SETNX", key, token]); // expect: redis-lock-without-ttl
}

export class Scheduler {
  constructor(private readonly redis: ReturnType<typeof createClient>) {}

  async claim(slot: string, owner: string) {
    return this.redis
      .set(`slot:${slot}`, owner, { NX: true, KEEPTTL: true }); // expect: redis-lock-without-ttl
  }
}
