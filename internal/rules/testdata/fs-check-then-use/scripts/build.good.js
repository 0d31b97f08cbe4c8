// Build scripts run as one process: a check-then-write here does not race
// with request handling.
const fs = require("fs");

async function emit(file, body) {
  if (!(await fs.promises.access(file).then(() => true, () => false))) {
    await fs.promises.writeFile(file, body);
  }
}

module.exports = { emit };
