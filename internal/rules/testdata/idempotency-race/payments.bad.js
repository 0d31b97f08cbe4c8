const express = require("express");
const { pool } = require("./pool");
const { charge } = require("./psp");
const Redis = require("ioredis");

const redis = new Redis();
const router = express.Router();

router.post("/payments", async (req, res, next) => {
  try {
    const key = req.get("Idempotency-Key");
    const prior = await pool.query("SELECT response FROM idempotency_keys WHERE key = $1", [key]);
    if (prior.rows.length > 0) {
      return res.json(prior.rows[0].response);
    }
    const payment = await charge(req.body);
    await pool.query("INSERT INTO idempotency_keys (key, response) VALUES ($1, $2)", [key, payment]); // expect: idempotency-race
    res.json(payment);
  } catch (err) {
    next(err);
  }
});

router.post("/refunds", async (req, res) => {
  const idempotencyKey = req.headers["idempotency-key"];
  const cached = await redis.get(`idem:${idempotencyKey}`);
  if (cached) return res.json(JSON.parse(cached));
  const refund = await charge({ ...req.body, refund: true });
  await redis.set(`idem:${idempotencyKey}`, JSON.stringify(refund), "EX", 86400); // expect: idempotency-race
  res.json(refund);
});

module.exports = router;
