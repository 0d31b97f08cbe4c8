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
