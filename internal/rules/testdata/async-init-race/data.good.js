const fs = require("fs");
const { db } = require("./db");

// Caching data: a second concurrent load reads the same thing again, it
// creates nothing. (Duplicate work, not a broken singleton.)
let languages;

async function listLanguages() {
  if (languages) {
    return languages;
  }
  const file = await fs.promises.readFile("languages.json", "utf8");
  languages = JSON.parse(file);
  return languages;
}

let menu = null;

async function getMenu() {
  if (!menu) {
    const rows = await db.findMany("menu");
    menu = new Map(rows.map((r) => [r.id, r]));
  }
  return menu;
}

// A flag set after the work is in-process-once's concern in serverless
// handlers; here it does not hold a resource.
let warmed = false;

async function warm(cache) {
  if (!warmed) {
    await cache.prime();
    warmed = true;
  }
}

// A module imported lazily is loaded once by the module system.
let parser;

async function getParser() {
  if (!parser) {
    parser = await import("./parser.mjs");
  }
  return parser;
}

module.exports = { listLanguages, getMenu, warm, getParser };
