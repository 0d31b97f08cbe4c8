import { prisma } from "./db";

// The same with an early return in each branch instead of a switch.
export async function settle(kind: "refund" | "credit", id: string, amount: number) {
  const writes: Promise<unknown>[] = [];
  if (kind === "refund") {
    writes.push(prisma.account.update({ where: { id }, data: { balance: { increment: amount } } }));
  } else {
    writes.push(prisma.ledger.create({ data: { accountId: id, amount } }));
  }
  await Promise.all(writes);
}
