const Redis = require("ioredis");
const { randomUUID } = require("crypto");

const redis = new Redis(process.env.REDIS_URL);

async function acquire(name) {
  const token = randomUUID();
  const ok = await redis.set(`lock:${name}`, token, "nx"); // expect: redis-lock-without-ttl
  return ok === "OK" ? token : null;
}

async function acquireKeepTTL(name, token) {
  return redis.set(`lock:${name}`, token, "NX", "KEEPTTL"); // expect: redis-lock-without-ttl
}

async function acquireLegacy(name) {
  const got = await redis.setnx(`mutex:${name}`, process.pid); // expect: redis-lock-without-ttl
  if (got === 1) {
    await redis.expire(`mutex:${name}`, 30);
  }
  return got === 1;
}

async function acquireRaw(name, token) {
  return redis.call("SET", `lock:${name}`, token, "NX"); // expect: redis-lock-without-ttl
}

const NX_ONLY = "NX";

async function acquireConst(name, token) {
  return redis.set(name, token, NX_ONLY); // expect: redis-lock-without-ttl
}

module.exports = { acquire, acquireKeepTTL, acquireLegacy, acquireRaw, acquireConst };
