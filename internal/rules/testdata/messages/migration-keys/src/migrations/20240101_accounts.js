exports.up = async function (knex) {
  await knex.schema.createTable("accounts", (table) => {
    table.increments();
    table.string("email").notNullable().unique();
    table.string("nickname");
  });
};
