// The callback checks whether the owner was stopped before keeping what it
// receives.
function startListener(pool, onEvent) {
  let listener = null;
  let active = true;

  const stop = async () => {
    active = false;
    if (listener) {
      const client = listener;
      listener = null;
      await client.release();
    }
  };

  pool.connect((err, client, release) => {
    if (!active) {
      release();
      return;
    }
    if (err) return;
    listener = client;
    client.on("notification", onEvent);
  });
  return { stop };
}

// Nothing clears and releases the slot elsewhere.
function keepFirst(pool) {
  let first = null;
  pool.connect((err, client) => {
    first = client;
  });
  return () => first;
}

module.exports = { startListener, keepFirst };
