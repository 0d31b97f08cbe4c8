const Stripe = require("stripe");
const { fromSmallestUnit } = require("./lib/money");

const stripe = new Stripe(process.env.STRIPE_KEY);

async function webhookAction(payload, signature) {
  const event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET);
  return { action: "captured", amount: fromSmallestUnit(event.data.object.amount, event.data.object.currency) };
}

module.exports = { webhookAction };
