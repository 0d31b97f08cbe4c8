const { pool } = require("./db");
const knex = require("./knex");
const User = require("./models/user");

// SQL: select by a unique column, insert when no row came back.
async function ensureUser(email) {
  const { rows } = await pool.query("SELECT id FROM users WHERE email = $1", [email]);
  if (rows.length === 0) {
    await pool.query("INSERT INTO users (email) VALUES ($1)", [email]); // expect: find-or-create-race
  }
}

// Registration: the check for a taken email is racy without a unique key
// and handling of its violation.
async function register(email, name) {
  const existing = await User.findOne({ where: { email } });
  if (existing) {
    throw new Error("email taken");
  }
  return User.create({ email, name }); // expect: find-or-create-race
}

// knex: first() then insert().
async function slugFor(slug, postId) {
  const row = await knex("slugs").where({ slug }).first();
  if (!row) {
    await knex("slugs").insert({ slug, post_id: postId }); // expect: find-or-create-race
  }
}

module.exports = { ensureUser, register, slugFor };
