const { pool } = require('../db');

// Hands the oldest queued job to the calling worker.
async function claimNext(req, res) {
  const worker = String(req.body.worker || 'anonymous');
  const { rows } = await pool.query("SELECT id, kind FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
  if (rows.length === 0) {
    return res.status(404).json({ error: 'no queued job' });
  }
  const job = rows[0];
  await pool.query("UPDATE jobs SET status = 'running', worker = $1, claimed_at = now() WHERE id = $2", [worker, job.id]);
  res.json({ id: job.id, kind: job.kind, worker });
}

module.exports = { claimNext };
