// The state required by the write itself, with the affected rows checked.
async function claimNext(pool, worker) {
  const { rows } = await pool.query("SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
  if (rows.length === 0) return null;
  const res = await pool.query("UPDATE jobs SET status = 'running', worker = $1 WHERE id = $2 AND status = 'queued'", [worker, rows[0].id]);
  return res.rowCount === 1 ? rows[0] : null;
}

// Found with FOR UPDATE SKIP LOCKED: the row is locked until the update.
async function claimLocked(pool, worker) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
    if (rows.length === 0) return null;
    await client.query("UPDATE jobs SET status = 'running', worker = $1 WHERE id = $2", [worker, rows[0].id]);
    await client.query("COMMIT");
    return rows[0];
  } finally {
    client.release();
  }
}

// Found by its state and written without leaving it: nothing is taken.
async function touch(pool) {
  const { rows } = await pool.query("SELECT id FROM sessions WHERE status = 'active' LIMIT 1");
  if (rows.length === 0) return;
  await pool.query("UPDATE sessions SET status = 'active', seen_at = now() WHERE id = $1", [rows[0].id]);
}

// A flag set with no relative change beside it converges: both racing
// requests write the same value.
async function verify(pool, userId) {
  const { rows } = await pool.query("SELECT verified FROM users WHERE id = $1", [userId]);
  if (rows[0].verified) return;
  await pool.query("UPDATE users SET verified = true, verified_at = now() WHERE id = $1", [userId]);
}

// A relative change beside a constant that re-asserts the checked state
// (status checked active, written active) uses nothing up.
async function ping(pool, id) {
  const { rows } = await pool.query("SELECT status FROM devices WHERE id = $1", [id]);
  if (rows[0].status !== "active") return;
  await pool.query("UPDATE devices SET status = 'active', pings = pings + 1 WHERE id = $1", [id]);
}

module.exports = { claimNext, claimLocked, touch, verify, ping };
