// The first write of each element is caught, the second is not: a failed
// stock update rejects Promise.all while other elements are still writing.
async function importItems(db, log, importId, items) {
  await db.imports.insert({ id: importId, count: items.length });
  await Promise.all( // expect: unguarded-promise-all
    items.map(async (item) => {
      await db.items.update(item.id, { price: item.price }).catch((err) => log.error(err));
      await db.stock.update(item.id, { qty: item.qty });
    }),
  );
}

module.exports = { importItems };
