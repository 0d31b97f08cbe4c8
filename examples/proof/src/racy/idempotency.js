const { pool } = require('../db');

// Replays the stored response when a request repeats an Idempotency-Key.
async function idempotency(req, res, next) {
  const key = req.get('Idempotency-Key');
  if (!key) {
    return next();
  }

  const { rows } = await pool.query('SELECT status_code, body FROM idempotency_keys WHERE key = $1', [key]);
  if (rows.length > 0) {
    return res.status(rows[0].status_code).json(rows[0].body);
  }

  const send = res.json.bind(res);
  res.json = async (payload) => {
    const body = JSON.stringify(payload);
    await pool.query(
      'INSERT INTO idempotency_keys (key, status_code, body) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
      [key, res.statusCode, body],
    );
    return send(payload);
  };
  next();
}

module.exports = { idempotency };
