const { pool } = require('../db');

const TRIAL_CREDITS = 100;

async function startTrial(req, res) {
  const userId = Number(req.params.id);
  const { rows } = await pool.query('SELECT trial_used FROM users WHERE id = $1', [userId]);
  if (rows.length === 0) {
    return res.status(404).json({ error: 'unknown user' });
  }
  if (rows[0].trial_used) {
    return res.status(409).json({ error: 'the trial has already been used' });
  }

  await pool.query(
    `UPDATE users SET trial_used = true, plan = 'pro', trial_ends_at = now() + interval '14 days',
       credits = credits + $2 WHERE id = $1`,
    [userId, TRIAL_CREDITS],
  );
  res.json({ plan: 'pro', credits: TRIAL_CREDITS });
}

module.exports = { startTrial };
