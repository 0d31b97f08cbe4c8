import Redis from "ioredis";
import { createClient } from "redis";

const redis = new Redis();
const client = createClient();

// INCR and EXPIRE queued in one MULTI run together.
export async function hitMulti(ip: string): Promise<number> {
  const [[, count]] = (await redis.multi().incr(`rl:${ip}`).expire(`rl:${ip}`, 60).exec()) as [Error | null, number][];
  return count;
}

// The same, with the transaction held in a variable and EXPIRE NX.
export async function hitTx(ip: string): Promise<unknown> {
  const tx = client.multi();
  tx.incr(`rl:${ip}`);
  tx.expire(`rl:${ip}`, 60, "NX");
  return tx.exec();
}

// A pipeline sends both in one round trip; EXPIRE NX keeps the window.
export async function hitPipeline(ip: string): Promise<unknown> {
  return redis.pipeline().incr(`hits:${ip}`).expire(`hits:${ip}`, 60, "NX").exec();
}

// Both in one Lua script.
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

export async function hitScript(ip: string): Promise<unknown> {
  return redis.eval(HIT, 1, `hits:${ip}`, 60);
}

// A SET ... EX NX used as a lock is not a counter.
export async function takeSlot(job: string, token: string): Promise<boolean> {
  return (await redis.set(`slot:${job}`, token, "EX", 60, "NX")) === "OK";
}

// The expiry runs after every increment: a missed one is repaired by the
// next call.
export async function hitEvery(ip: string): Promise<number> {
  const n = await redis.incr(`req:${ip}`);
  await redis.expire(`req:${ip}`, 60, "NX");
  return n;
}

// The code reads the TTL and repairs a missing one.
export async function hitRepair(ip: string): Promise<number> {
  const n = await redis.incr(`rate:${ip}`);
  const ttl = await redis.ttl(`rate:${ip}`);
  if (n === 1 || ttl < 0) await redis.expire(`rate:${ip}`, 60);
  return n;
}

// A counter with no expiry at all is not this rule's business.
export async function nextId(): Promise<number> {
  return redis.incr("ids:order");
}
