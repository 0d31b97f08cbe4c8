import { PrismaClient } from "@prisma/client";
import { AsyncLocalStorage } from "node:async_hooks";

const context = new AsyncLocalStorage<unknown>();

// A service's own transaction helper: the callback runs inside
// prisma.$transaction, and the repositories take the client from the
// context it sets, so the batch rolls back as a whole.
export class Db extends PrismaClient {
  async $tx<R>(fn: () => Promise<R>): Promise<R> {
    return this.$transaction(async (tx) => context.run(tx, () => fn()));
  }
}

type Repo = { insert(row: object): Promise<void>; decrement(id: string, n: number): Promise<void> };

export async function checkout(db: Db, orders: Repo, stock: Repo, order: { id: string; sku: string; qty: number }) {
  await db.$tx(async () => {
    await Promise.all([orders.insert(order), stock.decrement(order.sku, order.qty)]);
  });
}
