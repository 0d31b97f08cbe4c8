const Redis = require("ioredis");

const redis = new Redis();

// The owner is read in a MULTI and compared from its replies: the lock can
// expire and pass to another holder between the EXEC and the DEL.
async function releaseLock(name, token) {
  const key = `lock:${name}`;
  const replies = await redis.multi().get(key).pttl(key).exec();
  const [[, owner]] = replies;
  if (owner === token) {
    await redis.del(key); // expect: redis-lock-unsafe-release
  }
}

module.exports = { releaseLock };
