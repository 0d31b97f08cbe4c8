import Redis from "ioredis";

const redis = new Redis();

// A session token whose stored signature does not match is thrown away:
// the delete runs on the mismatch branch, and the key is no lock. The
// early test of the token parameter compares no stored value.
export async function validateSessionToken(token: string, expectedSignature: string): Promise<boolean> {
  if (!token || typeof token !== "string") {
    return false;
  }
  const key = `sess:token:${token}`;
  const results = await redis.multi().get(key).expire(key, 3600).exec();
  const stored = results?.[0]?.[1];
  if (typeof stored !== "string") {
    return false;
  }
  if (stored.split(":")[0] !== expectedSignature) {
    await redis.del(key);
    return false;
  }
  return true;
}
