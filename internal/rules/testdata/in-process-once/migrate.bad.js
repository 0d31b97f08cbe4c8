const { runMigrations } = require("./migrations");
const { processEvent } = require("./events");
const { seedCatalog } = require("./seed");

let migrated = false;
let seeded;

exports.handler = async (event) => {
  if (!migrated) { // expect: in-process-once
    await runMigrations();
    migrated = true;
  }
  await ensureSeeded();
  return processEvent(event);
};

async function ensureSeeded() {
  if (seeded) return; // expect: in-process-once
  await seedCatalog();
  seeded = true;
}
