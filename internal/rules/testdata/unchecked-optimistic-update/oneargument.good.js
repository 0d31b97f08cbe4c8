// A Mongoose document's updateOne(update): one argument, the update itself.
async function bump(doc, next) {
  await doc.updateOne({ version: next, touchedAt: new Date() });
}

module.exports = { bump };
