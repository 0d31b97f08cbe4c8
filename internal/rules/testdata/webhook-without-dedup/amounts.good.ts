import Stripe from "stripe";
import { fromSmallestUnit } from "./lib/money";

const stripe = new Stripe(process.env.STRIPE_KEY!);

// The handler only translates the event into a result for its caller: the
// helper it calls does arithmetic, which a redelivery repeats harmlessly.
export async function webhookAction(payload: Buffer, signature: string) {
  const event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  const intent = event.data.object as Stripe.PaymentIntent;
  return { action: "captured", amount: fromSmallestUnit(intent.amount, intent.currency) };
}
