const Redis = require("ioredis");
const { randomUUID } = require("crypto");
const { TOUCH_SCRIPT } = require("./scripts.shared");

const redis = new Redis();

async function acquire(job) {
  const token = randomUUID();
  const ok = await redis.set(`job:${job}:owner`, token, "PX", 30000, "NX");
  return ok === "OK" ? token : null;
}

function keepAlive(job) {
  return setInterval(() => {
    redis.pexpire(`job:${job}:owner`, 30000); // expect: redis-lock-unsafe-extend
  }, 10000);
}

async function renewByOverwrite(job, token) {
  await redis.set(`job:${job}:owner`, token, "PX", 30000); // expect: redis-lock-unsafe-extend
}

async function renewIfMine(name, token) {
  const holder = await redis.get(`lock:${name}`);
  if (holder === token) {
    await redis.expire(`lock:${name}`, 30); // expect: redis-lock-unsafe-extend
  }
}

const PROLONG = [
  "local v = redis.call('get', KEYS[1])",
  "if v ~= ARGV[1] then",
  "  redis.log(redis.LOG_NOTICE, 'lock moved')",
  "end",
  "return redis.call('pexpire', KEYS[1], ARGV[2])", // expect: redis-lock-unsafe-extend
].join("\n");

async function prolong(name, token) {
  return redis.eval(PROLONG, 1, `lock:${name}`, token, 30000);
}

async function touch(name) {
  return redis.eval(TOUCH_SCRIPT, 1, `mutex:${name}`, 30000); // expect: redis-lock-unsafe-extend
}

module.exports = { acquire, keepAlive, renewByOverwrite, renewIfMine, prolong, touch };
