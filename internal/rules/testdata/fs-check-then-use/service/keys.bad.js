// The same code, run by a server: concurrent requests (and several
// workers) can all find the key missing and each write their own.
const fs = require("fs");
const crypto = require("crypto");

async function writeKeyOnce(dir) {
  const file = `${dir}/signing.key`;
  if (!(await fs.promises.access(file).then(() => true, () => false))) {
    await fs.promises.writeFile(file, crypto.randomBytes(32)); // expect: fs-check-then-use
  }
}

module.exports = { writeKeyOnce };
