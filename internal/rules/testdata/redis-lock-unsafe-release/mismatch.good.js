const Redis = require("ioredis");

const redis = new Redis();

// A session token whose stored signature does not match is thrown away:
// the delete runs on the mismatch branch, and the key is no lock. The
// early test of the token parameter compares no stored value.
async function validateSessionToken(token, expectedSignature, expectedAccount) {
  if (!token || typeof token !== "string") {
    return false;
  }
  const key = `sess:token:${token}`;
  const results = await redis.multi().get(key).expire(key, 3600).exec();
  const [[errGet, stored]] = results;
  if (errGet || typeof stored !== "string") {
    return false;
  }
  const [storedSignature, storedAccount] = stored.split(":");
  if (storedSignature !== expectedSignature) {
    await redis.del(key);
    return false;
  }
  if (storedAccount && storedAccount !== expectedAccount) {
    await redis.del(key);
    return false;
  }
  return true;
}

module.exports = { validateSessionToken };
