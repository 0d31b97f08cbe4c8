import Redis from "ioredis";

const client = new Redis();

export const refreshMutexScript = `
  local key = KEYS[1]
  local owner = ARGV[1]
  local current = redis.call('get', key)
  if current == owner then
    redis.call('pexpire', key, ARGV[2])
    return 1
  elseif current == false then
    redis.call('set', key, owner) -- expect: redis-lock-unsafe-extend
    redis.call('pexpire', key, ARGV[2])
    return 1
  end
  return 0
`;

export async function refreshMutex(key: string, owner: string, ttl: number): Promise<boolean> {
  return (await client.eval(refreshMutexScript, 1, key, owner, ttl)) === 1;
}

client.defineCommand("extendLease", {
  numberOfKeys: 1,
  lua: "redis.call('pexpire', KEYS[1], ARGV[1]) return 1",
});

export async function extendLease(name: string, ttl: number): Promise<unknown> {
  return (client as any).extendLease(`lease:${name}`, ttl); // expect: redis-lock-unsafe-extend
}

const leases = new Redis({
  scripts: {
    renewLease: { numberOfKeys: 1, lua: "return redis.call('PEXPIRE', KEYS[1], ARGV[1])" },
  },
});

export async function renewLease(name: string): Promise<unknown> {
  return (leases as any).renewLease(`lease:${name}`, 30000); // expect: redis-lock-unsafe-extend
}
