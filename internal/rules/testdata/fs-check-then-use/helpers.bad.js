const fs = require("fs");

// A helper that maps the outcome of a stat with two handlers checks the
// path it is given.
function there(p) {
  return fs.promises.stat(p).then(
    () => true,
    () => false,
  );
}

async function dropLog(file) {
  if (await there(file)) {
    await fs.promises.unlink(file); // expect: fs-check-then-use
  }
}

module.exports = { dropLog };
