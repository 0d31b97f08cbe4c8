// A migration: the runner calls up() and down() once, one migration at a
// time. Schema changes write no record, and the data steps a migration
// runs once are not raced: running the migration again finishes them.

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
