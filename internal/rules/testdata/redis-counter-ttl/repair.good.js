const Redis = require("ioredis");

const redis = new Redis();

// The first hit sets the window; every later hit checks the remaining time
// and sets it again when a crash left the counter without one.
async function allowMint(userId) {
  const key = `mint:${userId}`;
  const count = await redis.incrby(key, 1);
  if (count === 1) {
    await redis.expire(key, 3600);
  } else {
    const ttl = await redis.ttl(key);
    if (ttl < 0) await redis.expire(key, 3600);
  }
  return count <= 30;
}
module.exports = { allowMint };
