const fs = require("fs/promises");
const { existsSync } = require("fs");

// The same with a copy: setting the times of the copy acts on it.
async function installAsset(src, dest) {
  if (existsSync(dest)) throw new Error(dest + " already exists");
  await fs.copyFile(src, dest); // expect: fs-check-then-use
  await fs.utimes(dest, new Date(), new Date());
}

// Setting the mode of a file this call did not write is its own use.
async function protect(path) {
  if (existsSync(path)) throw new Error(path + " already exists");
  await fs.writeFile(path + ".lock", ""); // a different path
  await fs.chmod(path, 0o600); // expect: fs-check-then-use
}

module.exports = { installAsset, protect };
