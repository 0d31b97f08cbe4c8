const { Runs } = require("./lib/runs");

let runId = null;

// The listener awaits only a method that handles its own errors.
process.on("SIGTERM", async () => {
  if (runId) await Runs.kill(runId);
  process.exit(0);
});

function stop(id) {
  Runs.kill(id);
  Runs.stop(id);
}

module.exports = { stop };
