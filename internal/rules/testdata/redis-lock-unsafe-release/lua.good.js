const { createClient } = require("redis");
const { randomUUID } = require("crypto");

const client = createClient();

const RELEASE = [
  "if redis.call('GET', KEYS[1]) == ARGV[1] then",
  "  return redis.call('DEL', KEYS[1])",
  "end",
  "return 0",
].join("\n");

async function release(name, token) {
  return client.eval(RELEASE, { keys: [`lock:${name}`], arguments: [token] });
}

// Compare-and-delete with an early return.
const RELEASE_EARLY = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then
  return 0
end
return redis.call('del', KEYS[1])`;

async function runExclusive(name, work) {
  const token = randomUUID();
  const ok = await client.set(`lock:${name}`, token, { NX: true, PX: 30000 });
  if (!ok) return false;
  try {
    await work();
  } finally {
    await client.eval(RELEASE_EARLY, { keys: [`lock:${name}`], arguments: [token] });
  }
  return true;
}

// A script that deletes a cache entry is not a lock release.
async function evict(page) {
  return client.eval("return redis.call('DEL', KEYS[1])", { keys: [`page:${page}`] });
}

module.exports = { release, runExclusive, evict };

// A single-use code is burnt on a wrong guess: not a lock.
const CHECK_CODE = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('del', KEYS[1])
  return 1
end
redis.call('del', KEYS[1])
return 0`;

async function verify(phone, code) {
  return client.eval(CHECK_CODE, { keys: [`otp:${phone}`], arguments: [code] });
}

module.exports.verify = verify;
