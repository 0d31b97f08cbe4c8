const { Pool } = require("pg");

const pool = new Pool();

// One advisory lock for every caller, held until the transaction ends.
async function registerWorker(name) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(42)");
    const { rows } = await client.query("SELECT id FROM workers WHERE name = $1", [name]);
    if (rows.length === 0) {
      await client.query("INSERT INTO workers (name) VALUES ($1)", [name]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { registerWorker };
