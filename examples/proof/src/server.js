const express = require('express');
const { pool } = require('./db');
const { redis } = require('./redis');
const app = express();

// Reports when each request reached the app, so that a load or race test
// can tell how close together requests arrived.
app.use((req, res, next) => {
  res.set('X-Arrival-Ns', process.hrtime.bigint().toString());
  next();
});
app.use(express.json());

// The same endpoints twice: as first written, and as fixed after the
// concurrency review.
app.use('/racy', require('./racy'));
app.use('/fixed', require('./fixed'));

// Test support: puts the data back to a known state.
app.post('/reset', async (req, res) => {
  await pool.query(`TRUNCATE gift_card_redemptions, gift_cards, orders, users, idempotency_keys,
    processed_events, jobs, counter_events RESTART IDENTITY CASCADE`);
  await pool.query("INSERT INTO gift_cards (code, balance) VALUES ('GC-1', 100)");
  await pool.query("INSERT INTO users (email) VALUES ('owner@example.com')");
  await pool.query("INSERT INTO jobs (kind) VALUES ('send-invoice')");
  const keys = await redis.keys('counter:*');
  const locks = await redis.keys('lock:counter:*');
  if (keys.length + locks.length > 0) {
    await redis.del(...keys, ...locks);
  }
  res.json({ ok: true });
});

app.get('/state/gift-cards/:code', async (req, res) => {
  const { rows } = await pool.query(
    `SELECT g.balance, (SELECT count(*)::int FROM gift_card_redemptions r WHERE r.code = g.code) AS redemptions
       FROM gift_cards g WHERE g.code = $1`,
    [req.params.code],
  );
  res.json(rows[0] || {});
});

app.get('/state/users', async (req, res) => {
  const { rows } = await pool.query('SELECT count(*)::int AS count FROM users WHERE email = $1', [req.query.email]);
  res.json(rows[0]);
});

app.get('/state/users/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT credits, plan, trial_used AS "trialUsed" FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0] || {});
});

app.get('/state/counters/:name', async (req, res) => {
  const value = Number(await redis.get(`counter:${req.params.name}`)) || 0;
  res.json({ value });
});

app.get('/state/jobs', async (req, res) => {
  const { rows } = await pool.query("SELECT count(*)::int AS claims FROM jobs WHERE status = 'running'");
  res.json(rows[0]);
});

app.get('/state/orders', async (req, res) => {
  const { rows } = await pool.query('SELECT count(*)::int AS count FROM orders');
  res.json(rows[0]);
});

const port = Number(process.env.PORT || 3000);
app.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
