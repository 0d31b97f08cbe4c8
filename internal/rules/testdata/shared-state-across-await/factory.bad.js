const { send } = require("./transport");

// The closure of a factory is shared by every call of the function it
// returns, exactly like module-level state.
function createMeter() {
  let sent = 0;
  return async function deliver(message) {
    const before = sent;
    const bytes = await send(message);
    sent = before + bytes; // expect: shared-state-across-await
    return sent;
  };
}

function createStats() {
  const totals = { ok: 0 };
  const record = async (job) => {
    totals.ok += await job(); // expect: shared-state-across-await
  };
  return { record, totals };
}

// A scratch variable read back after the callbacks finish is observed: the
// lost updates change the result.
async function widest(items) {
  let max = { width: 0 };
  await Promise.all(
    items.map(async (item) => {
      const seen = max.width;
      const w = await send(item);
      max.width = Math.max(seen, w); // expect: shared-state-across-await
    }),
  );
  return max.width;
}

module.exports = { createMeter, createStats, widest };
