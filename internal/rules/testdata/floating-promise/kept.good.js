// The executor takes reject but never calls it: the promise cannot reject
// while the function awaits something else.
async function serveUntilClosed(load, onClose) {
  let close;
  const closed = new Promise((resolve, reject) => {
    close = resolve;
  });
  onClose(() => close());
  await load();
  await closed;
}

module.exports = { serveUntilClosed };
