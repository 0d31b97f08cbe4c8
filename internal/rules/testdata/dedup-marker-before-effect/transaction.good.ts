import Stripe from "stripe";
import Redis from "ioredis";
import { PrismaClient } from "@prisma/client";
import { grantLicense, revokeLicense } from "./licenses";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");
const prisma = new PrismaClient();
const redis = new Redis();

// Marker and effect commit together.
export async function POST(req: Request): Promise<Response> {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.processedEvent.createMany({ data: [{ id: event.id }], skipDuplicates: true });
    if (count === 0) return;
    await tx.license.create({ data: { session: (event.data.object as Stripe.Checkout.Session).id } });
  });
  return new Response(null, { status: 204 });
}

// The marker is removed when the effect fails, so the redelivery retries.
export async function revoke(req: Request): Promise<Response> {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  const fresh = await redis.set(`evt:${event.id}`, "1", "EX", 86400, "NX");
  if (!fresh) return new Response(null, { status: 200 });
  try {
    await revokeLicense(event.data.object as Stripe.Subscription);
  } catch (err) {
    await redis.del(`evt:${event.id}`);
    throw err;
  }
  return new Response(null, { status: 204 });
}

// No side effect after the marker.
export async function record(req: Request): Promise<Response> {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  await prisma.webhookLog.upsert({ where: { id: event.id }, create: { id: event.id, type: event.type }, update: {} });
  return new Response(null, { status: 204 });
}

export { grantLicense };
