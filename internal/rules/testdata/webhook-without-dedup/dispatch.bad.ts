import Stripe from "stripe";
import { chargeFailed } from "./lib/invoices";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");

export const POST = async (req: Request) => { // expect: webhook-without-dedup
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  if (event.type === "charge.failed") {
    const charge = event.data.object as Stripe.Charge;
    await chargeFailed(String(charge.transfer_group), charge.failure_message ?? "");
  }
  return new Response("ok");
};
