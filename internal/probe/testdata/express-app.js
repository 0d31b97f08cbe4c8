// Express app with a racy and a safe withdrawal, used by node_test.go.
// It prints "listening PORT" once ready.
'use strict';
const fs = require('node:fs');
const express = require('express');

const app = express();
app.use(express.json());
let balance = 100;
let arrivals = [];

// racy: check, await a file-system call, then act on the stale check
app.post('/withdraw', async (req, res) => {
  arrivals.push(process.hrtime.bigint());
  const amount = req.body.amount || 100;
  if (balance < amount) return res.status(409).json({ error: 'insufficient funds' });
  await fs.promises.stat(__filename);
  balance -= amount;
  res.json({ ok: true, balance });
});

// safe: check and act before awaiting
app.post('/withdraw-safe', async (req, res) => {
  arrivals.push(process.hrtime.bigint());
  const amount = req.body.amount || 100;
  if (balance < amount) return res.status(409).json({ error: 'insufficient funds' });
  balance -= amount;
  await fs.promises.stat(__filename);
  res.json({ ok: true, balance });
});

app.get('/state', (req, res) => res.json({ balance }));
app.post('/reset', (req, res) => {
  balance = 100;
  arrivals = [];
  res.json({ ok: true });
});
app.get('/arrivals', (req, res) => {
  const s = [...arrivals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  res.json({ count: s.length, spreadMs: s.length ? Number(s[s.length - 1] - s[0]) / 1e6 : 0 });
});

const server = app.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
