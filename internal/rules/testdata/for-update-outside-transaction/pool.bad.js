const { Pool } = require("pg");
const knex = require("knex")({ client: "pg" });

const pool = new Pool();

async function reserve(seatId) {
  const { rows } = await pool.query("SELECT taken FROM seats WHERE id = $1 FOR UPDATE", [seatId]); // expect: for-update-outside-transaction
  return rows[0];
}

// BEGIN and the locking read are separate pool queries: each may run on a
// different connection, so no transaction holds the lock.
async function reserveTx(seatId) {
  await pool.query("BEGIN");
  const { rows } = await pool.query("SELECT taken FROM seats WHERE id = $1 FOR UPDATE", [seatId]); // expect: for-update-outside-transaction
  await pool.query("UPDATE seats SET taken = true WHERE id = $1", [seatId]);
  await pool.query("COMMIT");
  return rows[0];
}

// A checked-out client without BEGIN runs in autocommit mode.
async function peek(seatId) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT * FROM seats WHERE id = $1 FOR SHARE", [seatId]); // expect: for-update-outside-transaction
    return rows[0];
  } finally {
    client.release();
  }
}

// knex: forUpdate() on the global builder, no transaction.
async function nextJob() {
  return knex("jobs").where({ state: "queued" }).forUpdate().first(); // expect: for-update-outside-transaction
}

module.exports = { reserve, reserveTx, peek, nextJob };
