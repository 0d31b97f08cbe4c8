import Stripe from "stripe";
import Redis from "ioredis";
import { PrismaClient } from "@prisma/client";
import { grantLicense } from "./licenses";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");
const prisma = new PrismaClient();
const redis = new Redis();

export async function POST(req: Request): Promise<Response> {
  const event = await stripe.webhooks.constructEventAsync(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  const { count } = await prisma.processedEvent.createMany({ data: [{ id: event.id }], skipDuplicates: true }); // expect: dedup-marker-before-effect
  if (count === 0) return new Response("duplicate", { status: 200 });
  await grantLicense(event.data.object as Stripe.Checkout.Session);
  return new Response(null, { status: 204 });
}

export async function handleRefund(req: Request): Promise<Response> {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.SECRET ?? "");
  const fresh = await redis.set(`evt:${event.id}`, "done", "EX", 30 * 86400, "NX"); // expect: dedup-marker-before-effect
  if (!fresh) return new Response(null, { status: 200 });
  await prisma.refund.create({ data: { charge: (event.data.object as Stripe.Charge).id } });
  return new Response(null, { status: 204 });
}
