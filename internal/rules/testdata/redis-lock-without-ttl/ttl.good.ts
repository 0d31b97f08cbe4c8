import Redis from "ioredis";
import { createClient } from "redis";

const redis = new Redis();
const client = createClient();

export async function acquire(name: string, token: string, ttl: number) {
  await redis.set(`lock:${name}`, token, "PX", ttl, "NX");
  await redis.set(`lock:${name}`, token, "nx", "ex", 30);
  await redis.set(`lock:${name}`, token, "NX", "EXAT", Math.floor(Date.now() / 1000) + 30);
  await client.set(`lock:${name}`, token, { NX: true, PX: ttl });
  await client.set(`lock:${name}`, token, { condition: "NX", expiration: { type: "PX", value: ttl } });
}

// A plain SET is a cache write, not a lock.
export async function cachePage(path: string, html: string) {
  await redis.set(`page:${path}`, html);
  await redis.set(`page:${path}`, html, "EX", 60);
  await client.set(`page:${path}`, html, { XX: true });
}

// Options built at run time may carry the expiry.
export async function acquireWith(name: string, token: string, opts: Record<string, unknown>) {
  const base = { PX: 10_000 };
  await client.set(`lock:${name}`, token, { ...base, NX: true });
  await client.set(`lock:${name}`, token, opts);
}

// SETNX and EXPIRE queued in one MULTI are atomic.
export async function acquireMulti(name: string, token: string) {
  await redis.multi().setnx(`lock:${name}`, token).expire(`lock:${name}`, 30).exec();
}

// Map, Headers and plain objects have a set too.
const local = new Map<string, string>();
export function remember(key: string, value: string) {
  local.set(key, value);
  const headers = new Headers();
  headers.set("x-lock", "NX");
}

// Markers that record a fact for good are not locks.
export async function markProcessed(eventId: string) {
  await redis.set(`processed:${eventId}`, "1", "NX");
  await redis.setnx(`seen:${eventId}`, Date.now());
  await client.set(`webhook:${eventId}`, JSON.stringify({ at: Date.now() }), { NX: true });
}
