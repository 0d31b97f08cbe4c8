import { useMemo, useRef, useState, type FormEvent } from "react";
import { v4 as uuidv4 } from "uuid";

type Cart = { items: Array<{ sku: string; qty: number }> };

export async function postWithRetry(url: string, body: unknown): Promise<Response> {
  const key = uuidv4();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: "POST", headers: { "Idempotency-Key": key }, body: JSON.stringify(body) });
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

// One key per item: each item is its own operation.
export async function submitAll(url: string, items: unknown[]) {
  for (const item of items) {
    await fetch(url, { method: "POST", headers: { "Idempotency-Key": uuidv4() }, body: JSON.stringify(item) });
  }
}

export function CheckoutForm({ cart }: { cart: Cart }) {
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const tipKey = useRef(uuidv4());
  const [orderKey] = useState(() => uuidv4());
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await fetch("/api/checkout", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey, "X-Order": orderKey },
        body: JSON.stringify(cart),
      });
    } catch (err) {
      setError(String(err));
    }
  }

  return (
    <form onSubmit={handleSubmit}>
      {error && <p>{error}</p>}
      <button type="button" onClick={() => void fetch("/api/tip", { method: "POST", headers: { "Idempotency-Key": tipKey.current } })}>
        Tip
      </button>
    </form>
  );
}
