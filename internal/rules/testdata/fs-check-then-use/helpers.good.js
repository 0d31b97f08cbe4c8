const fs = require("fs");

// exists() here asks a cache, not the file system.
const seen = new Set();

function exists(p) {
  return seen.has(p);
}

async function writeOnce(file, body) {
  if (!exists(file)) {
    seen.add(file);
    await fs.promises.writeFile(file, body);
  }
}

module.exports = { writeOnce };
