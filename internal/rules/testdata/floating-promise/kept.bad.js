// The executor hands reject to an error listener: the promise can reject
// while the function awaits something else, before anything handles it.
async function serveUntilClosed(load, server) {
  const closed = new Promise((resolve, reject) => { // expect: floating-promise
    server.on("close", resolve);
    server.on("error", (err) => reject(err));
  });
  await load();
  await closed;
}

module.exports = { serveUntilClosed };
