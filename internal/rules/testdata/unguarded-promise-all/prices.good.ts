import { prisma } from "./db";

type Item = { id: string; price: number };

// Inside a transaction: all or nothing.
export async function applyPriceChange(items: Item[], pct: number) {
  await prisma.$transaction(async (tx) => {
    await Promise.all(
      items.map((it) => tx.product.update({ where: { id: it.id }, data: { price: it.price * (1 + pct) } })),
    );
  });
}

// Reads only.
export async function loadPrices(ids: string[]) {
  return Promise.all(ids.map((id) => prisma.product.findUnique({ where: { id } })));
}

// One write next to reads: nothing to leave half done.
export async function touch(id: string) {
  const [product] = await Promise.all([
    prisma.product.findUnique({ where: { id } }),
    prisma.audit.create({ data: { productId: id } }),
  ]);
  return product;
}

// A helper handed the caller's transaction.
export async function reprice(tx: typeof prisma, items: Item[]) {
  await Promise.all(items.map((it) => tx.product.update({ where: { id: it.id }, data: { price: it.price } })));
}

// The same absolute write per element and nothing else: when one fails,
// the others are done and correct on their own, and running the batch
// again converges.
export async function setPrices(items: Item[]) {
  await Promise.all(items.map((it) => prisma.product.update({ where: { id: it.id }, data: { price: it.price } })));
}

// One independent row per recipient: a failed insert loses that row, and
// leaves no other record inconsistent.
export async function logViews(ids: string[], userId: string) {
  await Promise.all(ids.map((id) => prisma.view.create({ data: { productId: id, userId, label: "seen " + id } })));
}
