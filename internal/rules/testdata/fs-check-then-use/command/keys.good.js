// Only the "keys" script of package.json runs this module, as a command
// a user starts once: no other process or request writes the key while
// it runs.
const fs = require("fs");
const crypto = require("crypto");

async function writeKeyOnce(dir) {
  const file = `${dir}/signing.key`;
  if (!(await fs.promises.access(file).then(() => true, () => false))) {
    await fs.promises.writeFile(file, crypto.randomBytes(32));
  }
}

module.exports = { writeKeyOnce };
