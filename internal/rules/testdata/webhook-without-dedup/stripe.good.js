const express = require("express");
const Stripe = require("stripe");
const Redis = require("ioredis");
const { pool } = require("./pool");
const { fulfillOrder } = require("./fulfillment");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const redis = new Redis();
const app = express();

app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req, res, next) => {
  const client = await pool.connect();
  try {
    const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
    await client.query("BEGIN");
    const fresh = await client.query(
      "INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING",
      [event.id],
    );
    if (fresh.rowCount === 1 && event.type === "checkout.session.completed") {
      await fulfillOrder(client, event.data.object);
    }
    await client.query("COMMIT");
    res.json({ received: true });
  } catch (err) {
    await client.query("ROLLBACK");
    next(err);
  } finally {
    client.release();
  }
});

// Only logs and answers.
app.post("/webhooks/audit", express.raw({ type: "application/json" }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.SECRET);
  console.log("received", event.type);
  res.sendStatus(200);
});

// Enqueues with the event id as the job id: the queue drops duplicates.
app.post("/webhooks/queued", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.SECRET);
  await req.app.locals.queue.add("stripe-event", event, { jobId: event.id });
  res.sendStatus(202);
});

// Deduplicates with SET NX on the event id before handing the event on.
app.post("/webhooks/redis", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.SECRET);
  const first = await redis.set(`stripe:evt:${event.id}`, "1", "EX", 7 * 86400, "NX");
  if (first) {
    try {
      await handleEvent(event);
    } catch (err) {
      await redis.del(`stripe:evt:${event.id}`);
      throw err;
    }
  }
  res.sendStatus(200);
});

// Delegates to a helper that deduplicates by the event id.
app.post("/webhooks/delegated", express.raw({ type: "application/json" }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.SECRET);
  await handleOnce(event);
  res.sendStatus(200);
});

async function handleOnce(evt) {
  const { rowCount } = await pool.query("INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING", [evt.id]);
  if (rowCount === 1) await handleEvent(evt);
}

async function handleEvent(evt) {
  await fulfillOrder(pool, evt.data.object);
}

module.exports = app;
