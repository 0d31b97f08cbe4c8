const { pool } = require('../db');

// Signs a user in by email, creating the account on first use.
async function signIn(req, res) {
  const email = String(req.body.email || '').trim().toLowerCase();
  if (!email.includes('@')) {
    return res.status(400).json({ error: 'a valid email is required' });
  }

  const existing = await pool.query('SELECT id, email, plan FROM users WHERE email = $1', [email]);
  if (existing.rows.length > 0) {
    return res.json(existing.rows[0]);
  }

  const created = await pool.query('INSERT INTO users (email) VALUES ($1) RETURNING id, email, plan', [email]);
  res.status(201).json(created.rows[0]);
}

module.exports = { signIn };
