// A script's entry points: a step of an entry that the top level calls
// and drops. Awaited, its rejection would reach the entry's own promise,
// which the top level drops too: the same unhandled rejection. Nothing
// after it exits or closes a client, so the process waits for the work.
const knex = require("knex")({ client: "pg", connection: process.env.DATABASE_URL });

const main = {
  async start() {
    const res = await fetch(process.env.GATEWAY_URL);
    return res.json();
  },
};

(async function () {
  const [, pending] = await knex.migrate.list();
  if (pending.length > 0) {
    await knex.migrate.latest();
  }
  main.start();
})();

async function run() {
  await knex.migrate.latest();
  main.start();
}

run();

// Not the last step: the worker polls while the scheduler connects.
async function boot() {
  main.start();
  await knex.migrate.latest();
  console.log("started");
}

boot();
