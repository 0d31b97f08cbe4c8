import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { supabaseAdmin } from "./lib/supabase";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");

function generateWebhookSignature(secret: string, body: string) {
  return createHmac("sha256", secret).update(body).digest("hex");
}

// Sends a webhook: signing an outgoing delivery is not receiving one.
export async function sendWebhook(url: string, secret: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const signature = generateWebhookSignature(secret, body);
  await fetch(url, { method: "POST", headers: { "x-signature": signature }, body });
}

// Deletes and upserts through a query builder are harmless to repeat.
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  if (event.type === "price.deleted") {
    const price = event.data.object as Stripe.Price;
    await supabaseAdmin.from("prices").delete().eq("id", price.id);
  } else if (event.type === "price.updated") {
    const price = event.data.object as Stripe.Price;
    await supabaseAdmin.from("prices").upsert({ id: price.id, active: price.active });
  }
  return new Response(null, { status: 200 });
}
