// Schema set-up: the lookup and the create are of a table, not a record.
async function createLinkTable(knex) {
  const hasTable = await knex.schema.hasTable("links");
  if (!hasTable) {
    await knex.schema.createTable("links", (table) => {
      table.increments("id").primary();
      table.string("address").unique();
    });
  }
}

module.exports = { createLinkTable };
