const fs = require("fs-extra");
const fsp = require("fs/promises");

// The missing branch throws, but the use writes the checked path: a file
// removed in between is created again.
async function overwriteLog(file, line) {
  if (!(await fs.pathExists(file))) {
    throw new Error(`no log at ${file}`);
  }
  await fsp.writeFile(file, line); // expect: fs-check-then-use
}

// The missing branch returns a value, the use throws instead.
async function readOptional(file) {
  if (!(await fs.pathExists(file))) {
    return null;
  }
  return fsp.readFile(file, "utf8"); // expect: fs-check-then-use
}

// stat is caught, so a missing path does not end in an error here.
async function sizeOrZero(file) {
  let st;
  try {
    st = await fsp.stat(file);
  } catch (err) {
    return 0;
  }
  return fsp.readFile(file); // expect: fs-check-then-use
}

module.exports = { overwriteLog, readOptional, sizeOrZero };
