// Sends a document's new changes to the clients watching it.
async function broadcast(doc) {
  const head = doc.headNumber();
  for (let r = 0; r <= head; r++) {
    const change = await doc.getChange(r);
    doc.clients.forEach((c) => c.send(change));
  }
}

module.exports = { broadcast };
