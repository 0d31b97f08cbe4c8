const { randomUUID } = require('crypto');
const { pool } = require('../db');
const { redis } = require('../redis');

const LOCK_TTL_MS = 5000;

const RELEASE = `
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0
`;

// Increments a named counter and records each value it takes, under a
// lock that expires if this process dies and that only its holder can
// release.
async function increment(req, res) {
  const { name } = req.params;
  const lockKey = `lock:counter:${name}`;
  const token = randomUUID();

  const acquired = await redis.set(lockKey, token, 'PX', LOCK_TTL_MS, 'NX');
  if (!acquired) {
    return res.status(409).json({ error: 'counter is busy, try again' });
  }
  try {
    const current = Number(await redis.get(`counter:${name}`)) || 0;
    await pool.query('INSERT INTO counter_events (name, value) VALUES ($1, $2)', [name, current + 1]);
    await redis.set(`counter:${name}`, current + 1);
    res.json({ name, value: current + 1 });
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
}

module.exports = { increment };
