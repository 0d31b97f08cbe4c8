const { Sequelize, DataTypes } = require("sequelize");

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Order = sequelize.define("Order", { total: DataTypes.INTEGER });
const Item = sequelize.define("Item", { orderId: DataTypes.INTEGER, sku: DataTypes.STRING });

// The writes run in the caller's transaction: the options each one is
// given carry it.
async function saveOrder(order, items, options) {
  await Order.increment({ total: items.length }, { where: { id: order.id }, transaction: options.transaction });
  await Promise.all(
    items.map(async (item) => {
      const itemOptions = { logging: options.logging, transaction: options.transaction };
      await Item.create({ orderId: order.id, sku: item.sku }, itemOptions);
    }),
  );
}

module.exports = { saveOrder };
