import Stripe from "stripe";
import { handleRequiresAction, reconcile } from "./lib/billing";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");

// A helper given the event id for one event type is not a marker, and its
// branch returns before the work of the other events.
export async function webhookHandler(body: string, signature: string) {
  const event = stripe.webhooks.constructEvent(body, signature, process.env.SECRET ?? "");
  if (event.type === "payment_intent.requires_action") {
    await handleRequiresAction(event.data.object as Stripe.PaymentIntent, { id: event.id });
    return { status: 200 };
  }
  await reconcile(String((event.data.object as Stripe.Subscription).customer), { id: event.id });
  return { status: 200 };
}
