const { fetchTips, fetchBlock } = require("./jobs");

// A timer that repeats starts a turn whether or not the last one is done.
const blocks = new Map();

async function refreshTips() {
  const tips = await fetchTips();
  for (const tip of tips) {
    if (!blocks.has(tip.hash)) {
      const block = await fetchBlock(tip.hash);
      blocks.set(tip.hash, block); // expect: shared-state-across-await
    }
  }
}

setInterval(() => refreshTips().catch(console.error), 10000);

// Scheduled again from inside the loop over the tips: turns overlap.
const heights = new Map();

async function refreshHeights(ids) {
  for (const id of ids) {
    if (!heights.has(id)) {
      heights.set(id, await fetchBlock(id)); // expect: shared-state-across-await
    }
    setTimeout(() => refreshHeights(ids).catch(console.error), 1000);
  }
}

refreshHeights(["a"]);

module.exports = { blocks, heights };
