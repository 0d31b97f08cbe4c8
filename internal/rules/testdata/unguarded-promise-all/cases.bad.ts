import { prisma } from "./db";

// A case that falls through into the next pushes two writes; pushes in a
// loop push one per element.
export async function apply(kind: string, id: string, amount: number) {
  const writes: Promise<unknown>[] = [];
  switch (kind) {
    case "transfer":
      writes.push(prisma.account.update({ where: { id }, data: { balance: { decrement: amount } } }));
    // falls through
    case "credit":
      writes.push(prisma.ledger.create({ data: { accountId: id, amount } }));
      break;
  }
  await Promise.all(writes); // expect: unguarded-promise-all
}

export async function applyAll(kinds: string[], id: string) {
  const writes: Promise<unknown>[] = [];
  for (const kind of kinds) {
    switch (kind) {
      case "credit":
        writes.push(prisma.account.update({ where: { id }, data: { balance: { increment: 1 } } }));
        break;
      case "debit":
        writes.push(prisma.account.update({ where: { id }, data: { balance: { decrement: 1 } } }));
        break;
    }
  }
  await Promise.all(writes); // expect: unguarded-promise-all
}
