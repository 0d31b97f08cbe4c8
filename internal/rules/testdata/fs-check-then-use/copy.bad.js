const fs = require("fs/promises");
const { existsSync } = require("fs");

// A file that appears at dest between the check and the copy is
// overwritten.
async function importAsset(src, dest) {
  if (existsSync(dest)) throw new Error(dest + " already exists");
  await fs.copyFile(src, dest); // expect: fs-check-then-use
}

module.exports = { importAsset };
