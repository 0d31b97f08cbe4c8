// A migration: the runner calls up() and down() once, one migration at a
// time. Schema changes write no record, and the data steps a migration
// runs once are not raced: running the migration again finishes them.

const db = require("./models");

module.exports = {
  up: (queryInterface, Sequelize) => {
    return queryInterface.renameTable("ApiRequest", "DataRequest").then(() =>
      Promise.all([
        queryInterface.addColumn("DataRequest", "query", { type: Sequelize.TEXT }),
        queryInterface.addColumn("DataRequest", "items", { type: Sequelize.STRING }),
      ])
    );
  },
  down: async (queryInterface) => {
    await Promise.all([
      queryInterface.removeColumn("DataRequest", "query"),
      queryInterface.removeColumn("DataRequest", "items"),
    ]);
  },
};

// A data step in its own module, which a migration calls.
exports.up = () =>
  db.Chart.findAll({ attributes: ["id", "public"] }).then((charts) =>
    Promise.all(charts.filter((c) => c.public).map((c) => db.Chart.increment("reports", { where: { id: c.id } })))
  );
