const { pool } = require('../db');

// Payment provider webhook: credits the user once per event.
async function paymentSucceeded(req, res) {
  if (req.get('X-Webhook-Secret') !== process.env.WEBHOOK_SECRET) {
    return res.status(401).json({ error: 'bad secret' });
  }
  const event = req.body;

  const seen = await pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [event.id]);
  if (seen.rowCount > 0) {
    return res.json({ received: true });
  }

  await pool.query('UPDATE users SET credits = credits + $1 WHERE id = $2', [event.data.amount, event.data.userId]);
  await pool.query('INSERT INTO processed_events (event_id) VALUES ($1)', [event.id]);
  res.json({ received: true });
}

module.exports = { paymentSucceeded };
