import { EventEmitter } from "events";

async function sendReceipt(orderId: string): Promise<void> {
  const res = await fetch(`https://mail.example.com/receipts/${orderId}`, { method: "POST" });
  if (!res.ok) throw new Error("receipt failed");
}

async function saveOrder(orderId: string): Promise<void> {
  const res = await fetch(`https://db.example.com/orders/${orderId}`, { method: "PUT" });
  if (!res.ok) throw new Error("save failed");
}

// Created together and awaited together: handled at once.
export async function checkout(orderId: string) {
  const receipt = sendReceipt(orderId);
  const saved = saveOrder(orderId);
  await Promise.all([receipt, saved]);
}

// A handler attached at creation.
export async function checkoutLater(orderId: string) {
  const receipt = sendReceipt(orderId).catch((err) => console.error(err));
  await saveOrder(orderId);
  await receipt;
}

// Each promise is awaited in the loop that makes it.
export async function checkoutAll(orderIds: string[]) {
  for (const id of orderIds) {
    const receipt = sendReceipt(id);
    await receipt;
    await saveOrder(id);
  }
}

// The handler is attached before the other await.
export async function parseUpload(parser: EventEmitter, chunks: AsyncIterable<Buffer>) {
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("error", reject);
  });
  finished.catch(() => {});
  for await (const chunk of chunks) {
    parser.emit("data", chunk);
  }
  await finished;
}

// A deadline rejects when the code chose, not at any moment.
export async function withDeadline(ms: number, probe: () => Promise<Response>) {
  const timedOut = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
  await new Promise((resolve) => setTimeout(resolve, 10));
  return Promise.race([probe(), timedOut]);
}

// The executor takes reject but never calls it: the promise cannot reject.
export async function serveUntilClosed(load: () => Promise<void>, onClose: (close: () => void) => void) {
  const closed = new Promise<void>((resolve, reject) => {
    onClose(() => resolve());
  });
  await load();
  await closed;
}

async function pendingOrderIds(): Promise<string[]> {
  const res = await fetch("https://db.example.com/orders?state=pending");
  return res.json();
}

async function notify(orderId: string): Promise<void> {
  const res = await fetch(`https://mail.example.com/notify/${orderId}`, { method: "POST" });
  if (!res.ok) throw new Error("notify failed");
}

// The list is awaited once, before the first iteration: nothing is
// awaited while the pushed promises wait for Promise.all.
export async function notifyPending() {
  const sent: Promise<void>[] = [];
  for (const id of await pendingOrderIds()) {
    sent.push(notify(id));
  }
  await Promise.all(sent);
}
