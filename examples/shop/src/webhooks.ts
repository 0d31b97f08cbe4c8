import express from "express";
import Stripe from "stripe";
import { pool } from "./db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");
export const webhooks = express.Router();

// BUG: Stripe delivers events at least once; a redelivery fulfils the order twice.
webhooks.post("/stripe", express.raw({ type: "application/json" }), async (req, res, next) => {
  try {
    const event = stripe.webhooks.constructEvent(req.body, req.get("stripe-signature") ?? "", process.env.STRIPE_WEBHOOK_SECRET ?? "");
    if (event.type === "checkout.session.completed") {
      const session = event.data.object as Stripe.Checkout.Session;
      await pool.query("UPDATE orders SET status = 'paid' WHERE id = $1", [session.client_reference_id]);
      await pool.query("INSERT INTO shipments (order_id) VALUES ($1)", [session.client_reference_id]);
    }
    res.json({ received: true });
  } catch (err) {
    next(err);
  }
});
