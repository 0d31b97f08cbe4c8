const { randomUUID } = require("crypto");

// A client that sends a key: it generates it, it does not look it up.
async function pay(api, order) {
  const idempotencyKey = randomUUID();
  const res = await api.post("/payments", order, { headers: { "Idempotency-Key": idempotencyKey } });
  return res.data;
}

module.exports = { pay };
