// The import row is written by the caller, the items by a helper batch.
async function insertItems(db, importId, items) {
  await Promise.all(items.map((item) => db.items.insert({ importId, ...item }))); // expect: unguarded-promise-all
}

async function runImport(db, importId, items) {
  await db.imports.insert({ id: importId, count: items.length });
  await insertItems(db, importId, items);
}

module.exports = { runImport };
