const { pool } = require('../db');

// Hands the oldest queued job to the calling worker; concurrent workers
// skip the rows another one has locked.
async function claimNext(req, res) {
  const worker = String(req.body.worker || 'anonymous');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      "SELECT id, kind FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    );
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return res.status(404).json({ error: 'no queued job' });
    }
    const job = rows[0];
    await client.query("UPDATE jobs SET status = 'running', worker = $1, claimed_at = now() WHERE id = $2", [worker, job.id]);
    await client.query('COMMIT');
    res.json({ id: job.id, kind: job.kind, worker });
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { claimNext };
