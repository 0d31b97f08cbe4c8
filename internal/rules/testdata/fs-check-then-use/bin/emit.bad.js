// An exported helper can be called by concurrent requests or processes,
// whatever folder it lives in.
const fs = require("fs");

async function emit(file, body) {
  if (!(await fs.promises.access(file).then(() => true, () => false))) {
    await fs.promises.writeFile(file, body); // expect: fs-check-then-use
  }
}

module.exports = { emit };
