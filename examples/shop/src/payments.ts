import type { Request, Response, NextFunction } from "express";
import { pool } from "./db";
import { chargeCard } from "./psp";

// BUG: two requests with the same Idempotency-Key both miss the lookup and both charge.
export async function createPayment(req: Request, res: Response, next: NextFunction) {
  try {
    const key = req.get("Idempotency-Key");
    const prior = await pool.query("SELECT response FROM idempotency_keys WHERE key = $1", [key]);
    if (prior.rows.length > 0) {
      return res.json(prior.rows[0].response);
    }
    const payment = await chargeCard(req.body);
    await pool.query("INSERT INTO idempotency_keys (key, response) VALUES ($1, $2)", [key, payment]);
    res.status(201).json(payment);
  } catch (err) {
    next(err);
  }
}
