const Redis = require("ioredis");

const redis = new Redis();
const WINDOW_SECONDS = Number(process.env.MINT_WINDOW ?? 3600);

// The first hit sets the window; every later hit checks the remaining time
// and sets it again when a crash left the counter without one. Two hits
// that both find it missing both set the same window from now.
async function allowMint(userId, cost) {
  const key = `mint:${userId}`;
  const total = await redis.incrby(key, cost);
  if (total <= cost) {
    await redis.expire(key, WINDOW_SECONDS);
  } else {
    const ttl = await redis.ttl(key);
    if (ttl < 0) await redis.expire(key, WINDOW_SECONDS);
  }
  return total <= 30;
}
module.exports = { allowMint };
