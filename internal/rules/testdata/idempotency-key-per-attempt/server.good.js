const { randomUUID } = require("crypto");
const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_KEY);

// The key comes from the order, not from a generator.
async function retryCharge(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await stripe.charges.create({ amount: order.total }, { idempotencyKey: `order-${order.id}` });
    } catch (err) {
      if (attempt === 2) throw err;
    }
  }
}

// A server route, not a click handler.
async function handleSubmit(req, res) {
  const requestId = randomUUID();
  res.setHeader("X-Request-Id", requestId);
  res.json({ ok: true });
}

module.exports = { retryCharge, handleSubmit };
