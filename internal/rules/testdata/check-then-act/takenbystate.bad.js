// The next queued job found by its state, then taken by its id: two workers
// both find the same job queued and both run it.
async function claimNext(pool, worker) {
  const { rows } = await pool.query("SELECT id, kind FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
  if (rows.length === 0) return null;
  const job = rows[0];
  await pool.query("UPDATE jobs SET status = 'running', worker = $1 WHERE id = $2", [worker, job.id]); // expect: check-then-act
  return job;
}

// A trial flag tested, then set in the statement that grants the credits:
// two requests both find it unused and both get the credits.
async function startTrial(pool, userId) {
  const { rows } = await pool.query("SELECT trial_used FROM users WHERE id = $1", [userId]);
  if (rows[0].trial_used) throw new Error("trial already used");
  await pool.query("UPDATE users SET trial_used = true, credits = credits + $2 WHERE id = $1", [userId, 100]); // expect: check-then-act
}

module.exports = { claimNext, startTrial };
