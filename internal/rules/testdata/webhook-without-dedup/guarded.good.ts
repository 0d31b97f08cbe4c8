import Stripe from "stripe";
import { Redis } from "@upstash/redis";
import { attachCustomer, chargeSucceeded } from "./lib/invoices";
import { recordSale } from "./lib/sales";
import { logAndRespond } from "./lib/respond";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");
const redis = Redis.fromEnv();

// The helpers check a "done" state or create only what is missing.
export const POST = async (req: Request) => {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  const charge = event.data.object as Stripe.Charge;
  if (event.type === "charge.succeeded") {
    await chargeSucceeded(String(charge.transfer_group));
  } else if (event.type === "customer.created") {
    await attachCustomer(String(charge.billing_details.email));
  }
  return logAndRespond(`handled ${event.type}`);
};

// Deduplicated by an atomic claim on the invoice the event is about.
export async function checkoutCompleted(req: Request) {
  try {
    const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
    const session = event.data.object as Stripe.Checkout.Session;
    const ok = await redis.set(`trackSale:invoice:${session.invoice}`, "1", { nx: true, ex: 7 * 86400 });
    if (!ok) return logAndRespond("already processed");
    await recordSale(session);
    return logAndRespond("recorded");
  } catch (error) {
    return handleErrorResponse(error);
  }
}

// Hands the event to a queue: the worker deduplicates.
export async function intercom(req: Request, queue: { enqueueJob(body: unknown): Promise<void> }) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  await queue.enqueueJob(event);
  return new Response(null, { status: 202 });
}

async function handleErrorResponse(error: unknown) {
  return new Response(String(error), { status: 400 });
}
