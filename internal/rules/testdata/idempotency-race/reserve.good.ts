import express from "express";
import Redis from "ioredis";
import { pool } from "./pool";
import { charge } from "./psp";

const redis = new Redis();
export const router = express.Router();

router.post("/payments", async (req, res) => {
  const key = req.header("Idempotency-Key");
  if (!key) return res.status(400).json({ error: "Idempotency-Key required" });
  const reserved = await pool.query(
    "INSERT INTO idempotency_keys (key, state) VALUES ($1, 'started') ON CONFLICT (key) DO NOTHING",
    [key],
  );
  if (reserved.rowCount === 0) {
    const { rows } = await pool.query("SELECT state, response FROM idempotency_keys WHERE key = $1", [key]);
    if (rows[0].state !== "done") return res.status(409).json({ error: "request in progress" });
    return res.json(rows[0].response);
  }
  const payment = await charge(req.body);
  await pool.query("UPDATE idempotency_keys SET state = 'done', response = $2 WHERE key = $1", [key, payment]);
  res.json(payment);
});

router.post("/refunds", async (req, res) => {
  const key = req.header("idempotency-key");
  const claimed = await redis.set(`idem:${key}`, "in-flight", "EX", 600, "NX");
  if (!claimed) {
    const stored = await redis.get(`idem:${key}`);
    if (stored === "in-flight") return res.status(409).end();
    return res.json(JSON.parse(stored ?? "null"));
  }
  const refund = await charge({ ...req.body, refund: true });
  await redis.set(`idem:${key}`, JSON.stringify(refund), "EX", 86400);
  res.json(refund);
});

// Only a lookup: nothing is stored here.
router.get("/payments/:key", async (req, res) => {
  const idempotencyKey = req.params.key;
  const { rows } = await pool.query("SELECT response FROM idempotency_keys WHERE key = $1", [idempotencyKey]);
  res.json(rows[0] ?? null);
});
