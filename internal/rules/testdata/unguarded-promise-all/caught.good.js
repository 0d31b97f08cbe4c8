// Each element's write carries its own .catch inside an async callback:
// no callback's promise can reject, so Promise.all waits for all of them.
async function importItems(db, log, importId, items) {
  await db.imports.insert({ id: importId, count: items.length });
  await Promise.all(
    items.map(async (item) => {
      return await db.items.update(item.id, { price: item.price }).catch((err) => {
        log.error(`could not update ${item.id}: ${err}`);
      });
    }),
  );
}

module.exports = { importItems };
