const express = require("express");
const Stripe = require("stripe");
const { fulfillOrder } = require("./fulfillment");
const { db } = require("./db");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();

app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req, res, next) => { // expect: webhook-without-dedup
  try {
    const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
    if (event.type === "checkout.session.completed") {
      await fulfillOrder(event.data.object);
    }
    res.json({ received: true });
  } catch (err) {
    next(err);
  }
});

async function handleInvoice(req, res) { // expect: webhook-without-dedup
  let event;
  try {
    event = await stripe.webhooks.constructEventAsync(req.body, req.headers["stripe-signature"], process.env.SECRET);
  } catch (err) {
    return res.status(400).send(`Webhook Error: ${err.message}`);
  }
  if (event.type === "invoice.paid") {
    await db.credit.create({ data: { customer: event.data.object.customer, amount: event.data.object.amount_paid } });
  }
  res.sendStatus(200);
}

module.exports = { app, handleInvoice };
