import Redis from "ioredis";

const redis = new Redis();

const ACQUIRE_LOCK = "return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])";

export async function acquire(name: string, token: string): Promise<unknown> {
  return redis.eval(ACQUIRE_LOCK, 1, `lock:${name}`, token, 30000);
}

const TAKE_LOCK = `
if redis.call('setnx', KEYS[1], ARGV[1]) == 1 then
  redis.call('pexpire', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export async function take(name: string, token: string): Promise<unknown> {
  return redis.eval(TAKE_LOCK, 1, `lock:${name}`, token, 30000);
}

// A marker recorded for good is not a lock.
const MARK_PROCESSED = "return redis.call('SETNX', KEYS[1], ARGV[1])";

export async function markProcessed(eventId: string, at: string): Promise<unknown> {
  return redis.eval(MARK_PROCESSED, 1, `processed:${eventId}`, at);
}
