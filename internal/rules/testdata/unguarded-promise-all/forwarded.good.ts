import type { Transaction } from "sequelize";
import { Item, Order } from "./models";

type SaveOptions = { transaction?: Transaction; logging?: boolean };

export async function attachItems(order: Order, skus: string[], options: SaveOptions = {}) {
  if (options.transaction) options.logging = false;
  await Promise.all([
    Order.increment({ itemCount: skus.length }, { ...options, where: { id: order.id } }),
    Item.bulkCreate(skus.map((sku) => ({ orderId: order.id, sku })), { ...options }),
  ]);
}
