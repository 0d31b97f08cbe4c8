import { Db } from "mongodb";

type Order = { sku: string; qty: number };

// An index next to the writes does not make the batch safe: the order and
// the stock change still commit apart.
export async function placeOrder(db: Db, order: Order) {
  await Promise.all([ // expect: unguarded-promise-all
    db.collection("orders").createIndex({ sku: 1 }),
    db.collection("orders").insertOne(order),
    db.collection("stock").updateOne({ sku: order.sku }, { $inc: { qty: -order.qty } }),
  ]);
}
