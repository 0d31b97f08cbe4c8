import { Transaction } from "sequelize";
import { Order, Item } from "./models";

interface SaveOptions {
  transaction?: Transaction;
}

// Each write is given options built from the caller's, transaction
// included.
export async function saveOrder(orderId: number, skus: string[], options: SaveOptions) {
  await Order.increment({ total: skus.length }, { where: { id: orderId }, transaction: options.transaction });
  await Promise.all(
    skus.map(async (sku) => {
      const createOptions = { ...defaults(), transaction: options.transaction };
      await Item.create({ orderId, sku }, createOptions);
    }),
  );
}

function defaults() {
  return { logging: false };
}
