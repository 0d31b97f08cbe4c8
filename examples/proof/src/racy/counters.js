const { pool } = require('../db');
const { redis } = require('../redis');

// Increments a named counter and records each value it takes. The
// read-modify-write is guarded by a lock so that two increments cannot
// interleave.
async function increment(req, res) {
  const { name } = req.params;
  const lockKey = `lock:counter:${name}`;
  try {
    const acquired = await redis.set(lockKey, '1', 'NX');
    if (!acquired) {
      return res.status(409).json({ error: 'counter is busy, try again' });
    }
    const current = Number(await redis.get(`counter:${name}`)) || 0;
    await pool.query('INSERT INTO counter_events (name, value) VALUES ($1, $2)', [name, current + 1]);
    await redis.set(`counter:${name}`, current + 1);
    res.json({ name, value: current + 1 });
  } finally {
    await redis.del(lockKey);
  }
}

module.exports = { increment };
