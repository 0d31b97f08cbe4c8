import { v4 as uuidv4 } from "uuid";
import pRetry from "p-retry";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_KEY ?? "");

export async function postWithRetry(url: string, body: unknown): Promise<Response> {
  let attempts = 0;
  while (attempts < 3) {
    attempts++;
    try {
      return await fetch(url, {
        method: "POST",
        headers: { "Idempotency-Key": uuidv4() }, // expect: idempotency-key-per-attempt
        body: JSON.stringify(body),
      });
    } catch {
      await new Promise((r) => setTimeout(r, 200 * attempts));
    }
  }
  throw new Error("gave up");
}

export function chargeWithRetry(customer: string, amount: number) {
  return pRetry(() =>
    stripe.paymentIntents.create(
      { customer, amount, currency: "eur" },
      { idempotencyKey: `charge-${uuidv4()}` }, // expect: idempotency-key-per-attempt
    ),
  { retries: 3 });
}

function requestOptions(body: unknown) {
  return { method: "POST", headers: { "idempotency-key": uuidv4() }, body: JSON.stringify(body) }; // expect: idempotency-key-per-attempt
}

export async function send(url: string, body: unknown) {
  for (let retry = 0; retry < 5; retry++) {
    const res = await fetch(url, requestOptions(body));
    if (res.ok) return res;
  }
  return undefined;
}
