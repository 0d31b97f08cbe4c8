const { Pool } = require("pg");
const knex = require("knex")({ client: "pg" });

const pool = new Pool();

async function reserve(seatId) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("SELECT taken FROM seats WHERE id = $1 FOR UPDATE", [seatId]);
    if (!rows[0].taken) await client.query("UPDATE seats SET taken = true WHERE id = $1", [seatId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

// One statement: the lock lives as long as the statement that uses it.
async function popOldest(queue) {
  const { rows } = await pool.query(
    `WITH next AS (SELECT id FROM jobs WHERE queue = $1 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     DELETE FROM jobs USING next WHERE jobs.id = next.id RETURNING jobs.*`,
    [queue],
  );
  return rows[0];
}

// knex transaction callback.
async function nextJob() {
  return knex.transaction(async (trx) => {
    const job = await trx("jobs").where({ state: "queued" }).forUpdate().skipLocked().first();
    if (job) await trx("jobs").where({ id: job.id }).update({ state: "running" });
    return job;
  });
}

// The client is given by the caller, who may hold a transaction on it.
async function lockRow(client, id) {
  return client.query("SELECT * FROM seats WHERE id = $1 FOR UPDATE", [id]);
}

// A transaction object opened without a callback.
async function nextJobTrx() {
  const trx = await knex.transaction();
  const job = await trx("jobs").forUpdate().first();
  await trx.commit();
  return job;
}

module.exports = { reserve, popOldest, nextJob, lockRow, nextJobTrx };
