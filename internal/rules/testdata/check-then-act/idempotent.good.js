const Stripe = require("stripe");
const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_KEY);

// The credit is a Stripe request with an idempotency key made from the
// referral: a second request that finds it pending gets the first credit
// back instead of a second one.
async function rewardReferral(referralId) {
  const referral = await prisma.referral.findUnique({ where: { id: referralId } });
  if (!referral || referral.status !== "pending") return;
  await stripe.customers.createBalanceTransaction(referral.customerId, { amount: -500 }, { idempotencyKey: `referral_${referralId}` });
  await prisma.referral.update({ where: { id: referralId }, data: { status: "rewarded" } });
}

module.exports = { rewardReferral };
