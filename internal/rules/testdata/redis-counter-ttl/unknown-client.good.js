// The client is a parameter the file knows nothing about: its name alone
// does not make it Redis (it may be an in-memory or SQL-backed store with
// the same method names), so nothing is reported.
export async function consume(redis, key) {
  const used = await redis.incr(key);
  if (used === 1) {
    await redis.expire(key, 60);
  }
  return used <= 100;
}
