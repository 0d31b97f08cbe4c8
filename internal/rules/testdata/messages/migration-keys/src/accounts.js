const knex = require("knex")({ client: "pg" });

async function ensureAccount(email) {
  const row = await knex("accounts").where({ email }).first();
  if (!row) {
    await knex("accounts").insert({ email });
  }
}

async function ensureNickname(nickname) {
  const row = await knex("accounts").where({ nickname }).first();
  if (!row) {
    await knex("accounts").insert({ nickname, email: `${nickname}@example.com` });
  }
}

module.exports = { ensureAccount, ensureNickname };
