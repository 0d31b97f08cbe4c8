import { Item, Order } from "./models";

type SaveOptions = { logging?: boolean };

// The options forwarded carry no transaction: nothing in this function
// takes one from them, and the two writes commit apart.
export async function attachItems(order: Order, skus: string[], options: SaveOptions = {}) {
  await Promise.all([ // expect: unguarded-promise-all
    Order.increment({ itemCount: skus.length }, { ...options, where: { id: order.id } }),
    Item.bulkCreate(skus.map((sku) => ({ orderId: order.id, sku })), { ...options }),
  ]);
}
