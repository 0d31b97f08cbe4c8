const { pool } = require('../db');

async function redeem(req, res) {
  const { code } = req.params;
  const amount = Number(req.body.amount);
  if (!Number.isInteger(amount) || amount <= 0) {
    return res.status(400).json({ error: 'amount must be a positive integer' });
  }

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      'UPDATE gift_cards SET balance = balance - $1 WHERE code = $2 AND balance >= $1 RETURNING balance',
      [amount, code],
    );
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      const known = await pool.query('SELECT 1 FROM gift_cards WHERE code = $1', [code]);
      if (known.rowCount === 0) {
        return res.status(404).json({ error: 'unknown gift card' });
      }
      return res.status(409).json({ error: 'insufficient balance' });
    }
    await client.query('INSERT INTO gift_card_redemptions (code, amount) VALUES ($1, $2)', [code, amount]);
    await client.query('COMMIT');
    res.json({ code, balance: rows[0].balance });
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { redeem };
