const { pool } = require('../db');

async function redeem(req, res) {
  const { code } = req.params;
  const amount = Number(req.body.amount);
  if (!Number.isInteger(amount) || amount <= 0) {
    return res.status(400).json({ error: 'amount must be a positive integer' });
  }

  const { rows } = await pool.query('SELECT balance FROM gift_cards WHERE code = $1', [code]);
  if (rows.length === 0) {
    return res.status(404).json({ error: 'unknown gift card' });
  }
  const card = rows[0];
  if (card.balance < amount) {
    return res.status(409).json({ error: 'insufficient balance' });
  }

  const balance = card.balance - amount;
  await pool.query('UPDATE gift_cards SET balance = $1 WHERE code = $2', [balance, code]);
  await pool.query('INSERT INTO gift_card_redemptions (code, amount) VALUES ($1, $2)', [code, amount]);
  res.json({ code, balance });
}

module.exports = { redeem };
