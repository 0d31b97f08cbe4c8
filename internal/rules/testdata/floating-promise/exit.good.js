// Listeners of the process's "exit" event run synchronously as the process
// ends: a promise they start never settles, and no rejection of it is
// ever reported.
const { Pool } = require("pg");

const pool = new Pool();

async function closePool() {
  await pool.end();
}

process.on("exit", async () => {
  console.info("shutting down");
  await pool.end();
});

process.once("exit", () => closePool());
