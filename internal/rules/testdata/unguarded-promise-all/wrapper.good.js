const knex = require("knex")({ client: "pg" });

// A project helper that runs its callback in a knex transaction; the
// repositories below join it through the context it is given.
function withTransaction(work) {
  return knex.transaction((trx) => work(trx));
}

async function checkout(orders, stock, order) {
  await withTransaction(async () => {
    await Promise.all([orders.insert(order), stock.decrement(order.sku, order.qty)]);
  });
}

module.exports = { checkout };
