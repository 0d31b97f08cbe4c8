const { Pool } = require("pg");

const pool = new Pool();

async function tryRun(lockId, job) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("select pg_try_advisory_lock($1) as ok", [lockId]);
    if (!rows[0].ok) return false;
    try {
      await job(client);
      return true;
    } finally {
      await client.query("select pg_advisory_unlock($1)", [lockId]);
    }
  } finally {
    client.release();
  }
}

// An unknown handle: a parameter may be a dedicated client.
async function lockOn(db, lockId) {
  await db.query("select pg_advisory_lock($1)", [lockId]);
}

module.exports = { tryRun, lockOn };
