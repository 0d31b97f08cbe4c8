const { pool } = require('./db');

async function createOrder(req, res) {
  const userId = Number(req.body.userId);
  const amount = Number(req.body.amount);
  if (!Number.isInteger(userId) || !Number.isInteger(amount) || amount <= 0) {
    return res.status(400).json({ error: 'userId and a positive amount are required' });
  }
  const { rows } = await pool.query(
    'INSERT INTO orders (user_id, amount) VALUES ($1, $2) RETURNING id, user_id AS "userId", amount',
    [userId, amount],
  );
  res.status(201).json(rows[0]);
}

module.exports = { createOrder };
