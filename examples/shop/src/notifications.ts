import { sendReceipt } from "./psp";
import { pool } from "./db";

type Order = { id: string; paymentId: string; email: string };

// BUG: forEach drops the promises; the function returns before any receipt is sent.
export async function sendReceipts(orders: Order[]) {
  orders.forEach(async (o) => {
    await sendReceipt(o.paymentId, o.email);
  });
}

// BUG: a rejected sweep is an unhandled rejection that takes the process down.
export function startSweeper() {
  setInterval(() => {
    pool.query("DELETE FROM carts WHERE updated_at < now() - interval '1 day'");
    sweepAbandoned();
  }, 60_000);
}

async function sweepAbandoned(): Promise<void> {
  await pool.query("UPDATE orders SET status = 'abandoned' WHERE status = 'pending' AND created_at < now() - interval '1 hour'");
}

// Correct: awaited in order, errors reach the caller.
export async function sendReceiptsInOrder(orders: Order[]) {
  for (const o of orders) {
    await sendReceipt(o.paymentId, o.email);
  }
}
