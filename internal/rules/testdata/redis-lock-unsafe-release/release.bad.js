const Redis = require("ioredis");

const redis = new Redis();

async function acquire(job, token) {
  return redis.set(`job:${job}:owner`, token, "PX", 30000, "NX");
}

async function release(job) {
  await redis.del(`job:${job}:owner`); // expect: redis-lock-unsafe-release
}

async function releaseNamed(name) {
  await redis.unlink(`lock:${name}`); // expect: redis-lock-unsafe-release
}

async function releaseIfMine(lockKey, token) {
  const holder = await redis.get(lockKey);
  if (holder !== token) return false;
  await redis.del(lockKey); // expect: redis-lock-unsafe-release
  return true;
}

async function releaseInMulti(name) {
  await redis.multi().del(`mutex:${name}`).exec(); // expect: redis-lock-unsafe-release
}

async function withHelper(name, acquireLock, work) {
  const lockKey = `lock:${name}`;
  try {
    await acquireLock(lockKey, 30000);
    await work();
  } finally {
    await redis.del(lockKey); // expect: redis-lock-unsafe-release
  }
}

module.exports = { acquire, release, releaseNamed, releaseIfMine, releaseInMulti, withHelper };
