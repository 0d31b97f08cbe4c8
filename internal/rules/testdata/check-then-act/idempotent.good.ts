// The grant is a Stripe request with an idempotency key: if two requests
// both find the referral pending, Stripe applies the credit once.
import Stripe from "stripe";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_KEY ?? "");

export async function rewardReferral(referralId: string) {
  const referral = await prisma.referral.findUnique({ where: { id: referralId } });
  if (!referral || referral.status !== "pending") return;
  await stripe.customers.createBalanceTransaction(referral.customerId, { amount: -500, currency: "usd" }, { idempotencyKey: `referral_${referral.id}` });
  await prisma.referral.update({ where: { id: referralId }, data: { status: "rewarded" } });
}
