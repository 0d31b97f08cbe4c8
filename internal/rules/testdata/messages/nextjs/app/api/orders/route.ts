type DB = { query(sql: string, args?: unknown[]): Promise<void> };
declare const db: DB;

async function audit(action: string): Promise<void> {
  await db.query("INSERT INTO audit (action) VALUES ($1)", [action]);
}

async function assertOpen(orderId: string): Promise<void> {
  if (!orderId) throw new Error("no order");
  await db.query("SELECT 1 FROM orders WHERE id = $1 AND open", [orderId]);
}

export async function POST(req: Request) {
  const { orderId } = await req.json();
  audit("order.update");
  assertOpen(orderId);
  await db.query("UPDATE orders SET touched = now() WHERE id = $1", [orderId]);
  return Response.json({ ok: true });
}
