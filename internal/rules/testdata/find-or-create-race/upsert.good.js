const { pool } = require("./db");
const User = require("./models/user");
const Login = require("./models/login");

// ON CONFLICT makes the insert atomic.
async function ensureUser(email) {
  const { rows } = await pool.query("SELECT id FROM users WHERE email = $1", [email]);
  if (rows.length === 0) {
    await pool.query("INSERT INTO users (email) VALUES ($1) ON CONFLICT (email) DO NOTHING", [email]);
  }
}

// The unique violation is handled.
async function register(email, name) {
  const existing = await User.findOne({ where: { email } });
  if (existing) return existing;
  try {
    return await User.create({ email, name });
  } catch (err) {
    if (err.name === "SequelizeUniqueConstraintError") return User.findOne({ where: { email } });
    throw err;
  }
}

// Created when the lookup found something: a new row of another table.
async function recordLogin(email) {
  const user = await User.findOne({ where: { email } });
  if (user) {
    await Login.create({ userId: user.id, at: new Date() });
  }
}

// Inserted when found, keyed by the lookup: an event, not a duplicate.
async function audit(id) {
  const { rows } = await pool.query("SELECT id FROM orders WHERE id = $1", [id]);
  if (rows.length > 0) {
    await pool.query("INSERT INTO orders (id) VALUES ($1)", [id]);
  }
}

// The library does find-or-create (and handles the unique violation).
async function tagFor(Tag, name) {
  const [tag] = await Tag.findOrCreate({ where: { name } });
  return tag;
}

// The created row does not carry the key that was looked up.
async function firstPost(Post, authorId, title) {
  const last = await Post.findOne({ where: { authorId } });
  if (!last) {
    await Post.create({ title });
  }
}

module.exports = { ensureUser, register, recordLogin, audit, tagFor, firstPost };
