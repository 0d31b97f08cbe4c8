const Redis = require("ioredis");

const redis = new Redis();

async function hit(ip, windowSeconds) {
  const key = `rl:${ip}`;
  const count = await redis.incr(key); // expect: redis-counter-ttl
  if (count === 1) {
    await redis.expire(key, windowSeconds);
  }
  return count;
}

async function hitInline(user) {
  if ((await redis.incr(`attempts:${user}`)) == 1) await redis.expire(`attempts:${user}`, 900); // expect: redis-counter-ttl
}

async function hitWithSeed(ip, windowSeconds) {
  const key = `quota:${ip}`;
  const created = await redis.set(key, 1, "EX", windowSeconds, "NX");
  if (!created) {
    return redis.incr(key); // expect: redis-counter-ttl
  }
  return 1;
}

async function hitAfterExists(id) {
  const existed = await redis.exists(`views:${id}`);
  await redis.hincrby(`views:${id}`, "total", 1); // expect: redis-counter-ttl
  if (!existed) await redis.expire(`views:${id}`, 3600);
}

module.exports = { hit, hitInline, hitWithSeed, hitAfterExists };

// The TTL is read only to report it: nothing repairs a missing expiry.
async function hitReportingTTL(ip) {
  const requests = await redis.incr(`ip:${ip}`); // expect: redis-counter-ttl
  let ttl;
  if (requests === 1) {
    await redis.expire(`ip:${ip}`, 60);
    ttl = 60;
  } else {
    ttl = await redis.ttl(`ip:${ip}`);
  }
  return { requests, ttl };
}

module.exports.hitReportingTTL = hitReportingTTL;
