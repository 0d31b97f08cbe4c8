const db = require("../db");

async function clear() {
  await db.query("DELETE FROM items");
}

// Handed by name to a .then at module level: it runs once.
async function fill() {
  await db.audit.insert({ kind: "seeded" });
  await Promise.all([1, 2, 3].map((n) => db.items.insert({ n })));
}

clear()
  .then(fill)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
