import Redis from "ioredis";
import { createClient, defineScript } from "redis";
import Redlock from "redlock";

const redis = new Redis();
const client = createClient();
const redlock = new Redlock([redis]);

// The extension compares the owner inside the script.
const EXTEND = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0`;

export async function extend(name: string, token: string): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `lock:${name}`, token, 30000)) === 1;
}

// The same with an early return, as node-redis v4 eval options.
const EXTEND_EARLY = [
  "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end",
  "redis.call('PEXPIRE', KEYS[1], ARGV[2])",
  "return 1",
].join("\n");

export async function extendV4(name: string, token: string): Promise<unknown> {
  return client.eval(EXTEND_EARLY, { keys: [`lock:${name}`], arguments: [token, "30000"] });
}

// Acquisition scripts set the expiry of a key they just took.
const ACQUIRE = `
if redis.call('setnx', KEYS[1], ARGV[1]) == 1 then
  redis.call('pexpire', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export async function acquire(name: string, token: string): Promise<unknown> {
  return redis.eval(ACQUIRE, 1, `lock:${name}`, token, 30000);
}

// Acquire-or-reenter: create when absent, extend when it is ours.
const ACQUIRE_OR_REENTER = `
local v = redis.call('get', KEYS[1])
if v == false then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
elseif v == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export async function acquireReentrant(name: string, token: string): Promise<unknown> {
  return redis.eval(ACQUIRE_OR_REENTER, 1, `lock:${name}`, token, 30000);
}

// A semaphore's sorted set is shared: refreshing membership and the set's
// expiry is not extending another holder's lock.
const SEMAPHORE_REFRESH = `
if redis.call('zscore', KEYS[1], ARGV[1]) then
  redis.call('zadd', KEYS[1], ARGV[2], ARGV[1])
  redis.call('pexpire', KEYS[1], ARGV[3])
  return 1
end
return 0`;

export async function refreshPermit(name: string, id: string, now: number): Promise<unknown> {
  return redis.eval(SEMAPHORE_REFRESH, 1, `semaphore:${name}`, id, now, 30000);
}

// Redlock's extend checks ownership.
export async function work(name: string): Promise<void> {
  let lock = await redlock.acquire([`lock:${name}`], 5000);
  lock = await lock.extend(5000);
  await lock.release();
}

// SETNX then EXPIRE is the acquisition's TTL, not an extension.
export async function takeOld(name: string, token: string): Promise<unknown> {
  return redis.multi().setnx(`lock:${name}`, token).expire(`lock:${name}`, 30).exec();
}

// A renewal after WATCH fails if the key changed.
export async function renewWatched(name: string, token: string): Promise<unknown> {
  await redis.watch(`lock:${name}`);
  if ((await redis.get(`lock:${name}`)) !== token) return null;
  return redis.multi().pexpire(`lock:${name}`, 30000).exec();
}

// Expiring a key that is not a lock.
export async function cache(page: string, html: string): Promise<void> {
  await redis.set(`page:${page}`, html);
  await redis.expire(`page:${page}`, 60);
  await redis.expire(`lockout:${page}`, 60);
}

// A registered script that compares the owner.
const guarded = createClient({
  scripts: {
    extendLock: defineScript({
      NUMBER_OF_KEYS: 1,
      SCRIPT: "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0",
    }),
  },
});

export async function extendRegistered(name: string, token: string): Promise<unknown> {
  return (guarded as any).extendLock(`lock:${name}`, token, "30000");
}

// A lockout counter's expiry is not a lock's extension.
export async function failLogin(user: string): Promise<number> {
  const n = await redis.incr(`login_lock:${user}`);
  await redis.expire(`login_lock:${user}`, 900);
  return n;
}
