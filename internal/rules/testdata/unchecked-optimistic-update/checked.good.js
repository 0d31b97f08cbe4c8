const { pool } = require("./db");
const knex = require("./knex");

class ConflictError extends Error {}

async function saveDocument(doc) {
  const { rowCount } = await pool.query(
    "UPDATE documents SET body = $1, version = version + 1 WHERE id = $2 AND version = $3",
    [doc.body, doc.id, doc.version],
  );
  if (rowCount === 0) throw new ConflictError(doc.id);
}

async function rename(id, version, title) {
  const n = await knex("pages").where({ id, version }).update({ title, version: version + 1 });
  if (n === 0) throw new ConflictError(id);
}

async function retitle(Page, id, version, title) {
  const [affected] = await Page.update({ title, version: version + 1 }, { where: { id, version } });
  return affected === 1;
}

// The caller gets the result and checks it.
function saveRaw(doc) {
  return pool.query("UPDATE documents SET body = $1 WHERE id = $2 AND version = $3", [doc.body, doc.id, doc.version]);
}

// Not a version column: a backfill of rows where the column is missing.
async function backfill(version) {
  await pool.query("UPDATE migration SET min_client_version = $1 WHERE min_client_version IS NULL", [version]);
}

module.exports = { saveDocument, rename, retitle, saveRaw, backfill };

// A builder increment with no arguments (a column default) reads as an
// increment and nothing more.
export async function bump(knex, id) {
  await knex("pages").where({ id }).increment();
}
