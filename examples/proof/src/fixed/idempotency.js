const { pool } = require('../db');

// Replays the stored response when a request repeats an Idempotency-Key;
// a repeat that arrives while the first request runs gets 409.
async function idempotency(req, res, next) {
  const key = req.get('Idempotency-Key');
  if (!key) {
    return next();
  }

  const claimed = await pool.query(
    'INSERT INTO idempotency_keys (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key],
  );
  if (claimed.rowCount === 0) {
    const { rows } = await pool.query('SELECT status_code, body FROM idempotency_keys WHERE key = $1', [key]);
    if (rows.length === 0 || rows[0].body === null) {
      return res.status(409).json({ error: 'a request with this Idempotency-Key is in progress' });
    }
    return res.status(rows[0].status_code).json(rows[0].body);
  }

  res.json = async (payload) => {
    const body = JSON.stringify(payload);
    try {
      if (res.statusCode >= 500) {
        await pool.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
      } else {
        await pool.query('UPDATE idempotency_keys SET status_code = $2, body = $3 WHERE key = $1', [key, res.statusCode, body]);
      }
    } finally {
      res.type('application/json').send(body);
    }
    return res;
  };
  next();
}

module.exports = { idempotency };
