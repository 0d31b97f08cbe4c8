export type Payment = { id: string; amount: number; status: "succeeded" | "failed" };

export async function chargeCard(body: { amount: number; card: string }): Promise<Payment> {
  const res = await fetch("http://127.0.0.1:4242/v1/charges", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Payment;
}

export async function sendReceipt(paymentId: string, email: string): Promise<void> {
  await fetch("http://127.0.0.1:4242/v1/receipts", {
    method: "POST",
    body: JSON.stringify({ paymentId, email }),
  });
}
