const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();

// start() runs once, but the handler it registers runs once per request,
// concurrently with itself.
async function start() {
  const app = express();
  app.post("/pay", async (req, res) => {
    const { rows } = await pool.query("SELECT balance FROM accounts WHERE id = $1", [req.body.id]);
    const balance = rows[0].balance;
    if (balance < req.body.amount) {
      return res.status(409).end();
    }
    await pool.query("UPDATE accounts SET balance = $1 WHERE id = $2", [balance - req.body.amount, req.body.id]); // expect: check-then-act
    res.end();
  });

  // A promise handler and a timer set up once run once.
  setTimeout(async () => {
    try {
      const { rows } = await pool.query("SELECT value FROM settings WHERE key = 'boot'");
      if (rows[0].value < 1) {
        await pool.query("UPDATE settings SET value = $1 WHERE key = 'boot'", [rows[0].value + 1]);
      }
    } catch (err) {
      console.error(err);
    }
  }, 0);
  app.listen(3000);
}

start();
