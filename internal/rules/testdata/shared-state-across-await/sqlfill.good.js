const { Pool } = require("pg");

const pool = new Pool();
const domains = new Map();

async function migrate() {
  await pool.query(`CREATE TABLE IF NOT EXISTS domains (
    id serial PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    target text NOT NULL
  )`);
}

// Concurrent misses for one slug each repeat one lookup by a unique key
// (the migration declares slug UNIQUE) and store the same row.
async function domainBySlug(slug) {
  const hit = domains.get(slug);
  if (hit) return hit;
  const { rows } = await pool.query("SELECT * FROM domains WHERE slug = $1", [slug]);
  domains.set(slug, rows[0]);
  return rows[0];
}

module.exports = { migrate, domainBySlug };
