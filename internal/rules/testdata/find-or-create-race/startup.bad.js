const knex = require("knex")({ client: "pg" });
const express = require("express");

const app = express();

// The transaction runs its callback once, but a request handler runs it:
// two requests ensure the same role side by side.
app.post("/roles", async (req, res) => {
  await knex.transaction(async (trx) => {
    await ensureRole(trx, req.body.name);
  });
  res.sendStatus(204);
});

async function ensureRole(trx, name) {
  const found = await trx("roles").where({ name }).first();
  if (!found) {
    await trx("roles").insert({ name }); // expect: find-or-create-race
  }
}

app.listen(3000);
