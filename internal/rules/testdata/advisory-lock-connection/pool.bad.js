const { Pool } = require("pg");
const knexFactory = require("knex");

const pool = new Pool();
const knex = knexFactory({ client: "pg" });

async function runExclusive(lockId, job) {
  await pool.query("SELECT pg_advisory_lock($1)", [lockId]); // expect: advisory-lock-connection
  try {
    await job();
  } finally {
    await pool.query("SELECT pg_advisory_unlock($1)", [lockId]);
  }
}

const TRY_LOCK = "select pg_try_advisory_lock($1) as locked";

async function becomeLeader(id) {
  const { rows } = await pool.query(TRY_LOCK, [id]); // expect: advisory-lock-connection
  return rows[0].locked;
}

async function migrate(run) {
  await knex.raw("select pg_advisory_lock(?)", [7]); // expect: advisory-lock-connection
  await run();
  await knex.raw("select pg_advisory_unlock(?)", [7]);
}

module.exports = { runExclusive, becomeLeader, migrate };
