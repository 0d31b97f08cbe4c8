// A long-running server module, not a serverless entry point: it starts
// once per process by design (deployment runs one migration job).
const express = require("express");
const { runMigrations } = require("./migrations");

let migrated = false;

async function start() {
  if (!migrated) {
    await runMigrations();
    migrated = true;
  }
  const app = express();
  app.listen(3000);
}

module.exports = { start };
