const { pool } = require('../db');

// Payment provider webhook: credits the user once per event. The event is
// recorded in the same transaction as the credit, so a repeated delivery
// either waits for the first one and finds it done, or rolls back.
async function paymentSucceeded(req, res) {
  if (req.get('X-Webhook-Secret') !== process.env.WEBHOOK_SECRET) {
    return res.status(401).json({ error: 'bad secret' });
  }
  const event = req.body;

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
      [event.id],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return res.json({ received: true });
    }
    await client.query('UPDATE users SET credits = credits + $1 WHERE id = $2', [event.data.amount, event.data.userId]);
    await client.query('COMMIT');
    res.json({ received: true });
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { paymentSucceeded };
