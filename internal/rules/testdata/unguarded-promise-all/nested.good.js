// An array literal of writes given as one element: Promise.all does not
// wait for the writes in it.
async function archiveAll(db, ids, reason) {
  const log = db.audit.insert({ reason });
  return Promise.all([[db.items.update(ids[0], { archived: true }), db.items.update(ids[1], { archived: true })], log]);
}

module.exports = { archiveAll };
