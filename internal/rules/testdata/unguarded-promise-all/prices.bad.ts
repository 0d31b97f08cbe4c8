import { prisma } from "./db";

type Item = { id: string; price: number };

export async function applyPriceChange(items: Item[], pct: number) {
  await Promise.all( // expect: unguarded-promise-all
    items.map((it) => prisma.product.update({ where: { id: it.id }, data: { price: it.price * (1 + pct) } })),
  );
}

export async function transfer(from: string, to: string, amount: number) {
  const results = await Promise.all([ // expect: unguarded-promise-all
    prisma.account.update({ where: { id: from }, data: { balance: { decrement: amount } } }),
    prisma.account.update({ where: { id: to }, data: { balance: { increment: amount } } }),
  ]);
  return results;
}
