import { EventEmitter } from "events";

async function sendReceipt(orderId: string): Promise<void> {
  const res = await fetch(`https://mail.example.com/receipts/${orderId}`, { method: "POST" });
  if (!res.ok) throw new Error("receipt failed");
}

async function saveOrder(orderId: string): Promise<void> {
  const res = await fetch(`https://db.example.com/orders/${orderId}`, { method: "PUT" });
  if (!res.ok) throw new Error("save failed");
}

export async function checkout(orderId: string) {
  const receipt = sendReceipt(orderId); // expect: floating-promise
  await saveOrder(orderId);
  await receipt;
}

export async function checkoutAll(orderIds: string[]) {
  const receipts: Promise<void>[] = [];
  for (const id of orderIds) {
    receipts.push(sendReceipt(id)); // expect: floating-promise
    await saveOrder(id);
  }
  await Promise.all(receipts);
}

async function pageCount(): Promise<number> {
  const res = await fetch("https://db.example.com/orders/pages");
  return res.json();
}

// The loop's condition awaits on every iteration.
export async function checkoutPages() {
  const receipts: Promise<void>[] = [];
  for (let page = 0; page < (await pageCount()); page++) {
    receipts.push(sendReceipt(String(page))); // expect: floating-promise
  }
  await Promise.all(receipts);
}

export async function parseUpload(parser: EventEmitter, chunks: AsyncIterable<Buffer>) {
  const finished = new Promise<void>((resolve, reject) => { // expect: floating-promise
    parser.on("finish", resolve);
    parser.on("error", reject);
  });
  for await (const chunk of chunks) {
    parser.emit("data", chunk);
  }
  await finished;
}
