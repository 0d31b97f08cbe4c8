const mempoolCache = require("./mempoolcache");
const { fetchTips } = require("./jobs");

// The loop waits for each fill and schedules its next turn at its end.
async function poll() {
  try {
    const tips = await fetchTips();
    await mempoolCache.addBlocks(tips.map((t) => t.hash));
  } catch (err) {
    console.error(err);
  }
  setTimeout(poll, 1000);
}

poll();
