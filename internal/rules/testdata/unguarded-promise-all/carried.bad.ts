import { Transaction } from "sequelize";
import { Order, Item } from "./models";

interface SaveOptions {
  transaction?: Transaction;
}

// The options built for each write leave the caller's transaction out:
// the items are created outside it.
export async function saveOrder(orderId: number, skus: string[], options: SaveOptions) {
  await Order.increment({ total: skus.length }, { where: { id: orderId }, transaction: options.transaction });
  await Promise.all( // expect: unguarded-promise-all
    skus.map(async (sku) => {
      const createOptions = { ...defaults() };
      await Item.create({ orderId, sku }, createOptions);
    }),
  );
}

function defaults() {
  return { logging: false };
}
