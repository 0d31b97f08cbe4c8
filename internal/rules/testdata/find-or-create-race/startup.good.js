const knex = require("knex")({ client: "pg" });
const { Mutex } = require("async-mutex");

const roles = ["admin", "member"];
const seeding = new Mutex();

// seed() runs once, at module level; its transaction and its lock each run
// their callback once, and the roles are ensured one after another.
async function seed() {
  await seeding.runExclusive(async () => {
    await knex.transaction(async (trx) => {
      for (const name of roles) {
        await ensureRole(trx, name);
      }
    });
  });
}

async function ensureRole(trx, name) {
  const found = await trx("roles").where({ name }).first();
  if (!found) {
    await trx("roles").insert({ name });
  }
}

seed();
