async function checkout(inventory, orders, payments, order) {
  await Promise.all([ // expect: unguarded-promise-all
    inventory.decrement(order.sku, order.qty),
    orders.insert(order),
    payments.capture(order.paymentId),
  ]);
}

async function updateItem(db, item) {
  await db.items.update(item.id, { price: item.price });
}

// The batch is one step of a change: the import row is written first, so
// a failed item leaves an import that claims items it does not have.
async function updateAll(db, importId, items) {
  await db.imports.insert({ id: importId, count: items.length });
  await Promise.all(items.map((item) => updateItem(db, item))); // expect: unguarded-promise-all
}

async function award(db, users, points) {
  const writes = [];
  for (const u of users) {
    writes.push(db.increment("users", u.id, "points", points));
  }
  await Promise.all(writes); // expect: unguarded-promise-all
}

module.exports = { checkout, updateAll, award };
