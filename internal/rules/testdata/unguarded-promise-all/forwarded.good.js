const { Sequelize, DataTypes } = require("sequelize");

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Order = sequelize.define("Order", { itemCount: DataTypes.INTEGER });
const Item = sequelize.define("Item", { orderId: DataTypes.INTEGER, sku: DataTypes.STRING });

// Both writes are given the caller's options, whose transaction the
// function reads itself: the batch runs in whatever transaction the
// caller gave, and atomicity is the caller's to choose.
async function attachItems(order, skus, options = {}) {
  const existing = await Item.count({ where: { orderId: order.id }, transaction: options.transaction });
  const itemOptions = { ...options, hooks: true };
  await Promise.all([
    Order.update({ itemCount: existing + skus.length }, { ...options, where: { id: order.id } }),
    Item.bulkCreate(skus.map((sku) => ({ orderId: order.id, sku })), itemOptions),
  ]);
}

module.exports = { attachItems };
