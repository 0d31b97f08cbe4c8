import { useState, type FormEvent } from "react";
import { nanoid } from "nanoid";

type Cart = { items: Array<{ sku: string; qty: number }> };

export function CheckoutForm({ cart }: { cart: Cart }) {
  const [error, setError] = useState<string | null>(null);

  async function pay(e: FormEvent) {
    e.preventDefault();
    const key = nanoid(); // expect: idempotency-key-per-attempt
    try {
      await fetch("/api/checkout", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(cart),
      });
    } catch (err) {
      setError(String(err));
    }
  }

  return (
    <form onSubmit={pay}>
      {error && <p>{error}</p>}
      <button
        type="button"
        onClick={() => {
          const headers = new Headers();
          headers.set("Idempotency-Key", crypto.randomUUID()); // expect: idempotency-key-per-attempt
          void fetch("/api/tip", { method: "POST", headers });
        }}
      >
        Tip
      </button>
    </form>
  );
}

export function useCreateOrder(api: { post(url: string, body: unknown, init: { headers: Record<string, string> }): Promise<unknown> }) {
  return useMutation({
    mutationFn: (body: unknown) => api.post("/orders", body, { headers: { "Idempotency-Key": crypto.randomUUID() } }), // expect: idempotency-key-per-attempt
    retry: 3,
  });
}

declare function useMutation<T>(o: { mutationFn: (body: T) => Promise<unknown>; retry?: number }): unknown;
