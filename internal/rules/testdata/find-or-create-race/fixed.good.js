const { pool } = require("./db");
const { prisma } = require("./prisma");

const SECRET_KEY = "JWT_SECRET";

// The key is fixed in the code: every call looks up the same record, so
// once the first call ever has created it, every call finds it.
async function jwtSecret() {
  const saved = await prisma.config.findFirst({ where: { key: SECRET_KEY } });
  if (saved) return saved.value;
  const created = await prisma.config.create({ data: { key: SECRET_KEY, value: randomSecret() } });
  return created.value;
}

async function systemUser() {
  const { rows } = await pool.query("SELECT id FROM users WHERE name = $1", ["system"]);
  if (rows.length === 0) {
    await pool.query("INSERT INTO users (name) VALUES ($1)", ["system"]);
  }
}

async function defaultRegion() {
  const name = `${process.env.REGION}-default`;
  const found = await prisma.region.findFirst({ where: { name } });
  return found ?? prisma.region.create({ data: { name } });
}

function randomSecret() {
  return Math.random().toString(36);
}

module.exports = { jwtSecret, systemUser, defaultRegion };
