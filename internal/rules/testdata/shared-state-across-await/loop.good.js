const { fetchTips, fetchBlock } = require("./jobs");

// The loop schedules its next turn when this one is done: it never runs
// beside itself, so no two turns fill the cache together.
const blocks = new Map();
let lastHeight = 0;

async function refreshTips() {
  try {
    const tips = await fetchTips();
    for (const tip of tips) {
      if (!blocks.has(tip.hash)) {
        const block = await fetchBlock(tip.hash);
        blocks.set(tip.hash, block);
      }
    }
    lastHeight = lastHeight + tips.length;
    setTimeout(refreshTips, 10000);
  } catch (err) {
    console.error(err);
    setTimeout(() => refreshTips(), 30000);
  }
}

refreshTips();

module.exports = { blocks };
