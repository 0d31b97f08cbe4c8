import { fetchRate, load } from "./remote";

// Memoising the promise: concurrent callers share one load.
const pending = new Map<string, Promise<number>>();

export function rateFor(currency: string): Promise<number> {
  let p = pending.get(currency);
  if (!p) {
    p = fetchRate(currency);
    p.catch(() => pending.delete(currency));
    pending.set(currency, p);
  }
  return p;
}

// The seed's fix: the result is filled from the shared promise.
const cache: Record<string, number> = {};
const inflight = new Map<string, Promise<number>>();

export async function getOrCreate(key: string): Promise<number> {
  if (cache[key]) return cache[key];
  if (!inflight.has(key)) {
    inflight.set(key, load(key).finally(() => inflight.delete(key)));
  }
  cache[key] = await inflight.get(key)!;
  return cache[key];
}

// Checked again after the await: the first fill wins.
const values = new Map<string, number>();

export async function valueOf(key: string): Promise<number> {
  if (!values.has(key)) {
    const v = await load(key);
    if (!values.has(key)) {
      values.set(key, v);
    }
  }
  return values.get(key)!;
}

// A local map built by one call is not shared.
export async function collect(keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const k of keys) {
    if (!out.has(k)) {
      out.set(k, await load(k));
    }
  }
  return out;
}
