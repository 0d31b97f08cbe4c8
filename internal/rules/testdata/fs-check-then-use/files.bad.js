const fs = require("fs");
const fsp = require("fs/promises");
const path = require("path");

// Create-if-missing: another process can create the file in between, and
// this write then overwrites it.
function writeOnce(dir, name, body) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, body); // expect: fs-check-then-use
  }
}

// Callback style.
function initConfig(file, defaults) {
  fs.exists(file, (exists) => {
    if (!exists) {
      fs.writeFile(file, JSON.stringify(defaults), () => {}); // expect: fs-check-then-use
    }
  });
}

// The seed's shape: an existence helper, then the read.
async function fileExists(p) {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

async function readUpload(p) {
  if (await fileExists(p)) {
    return fsp.readFile(p); // expect: fs-check-then-use
  }
  return null;
}

// A stale lock file removed on a stale measurement: another process may
// have just replaced it with a fresh lock.
async function clearStale(lockPath, maxAgeMs) {
  const st = await fsp.stat(lockPath);
  if (Date.now() - st.mtimeMs > maxAgeMs) {
    await fsp.rename(lockPath, `${lockPath}.old`); // expect: fs-check-then-use
  }
}

module.exports = { writeOnce, initConfig, readUpload, clearStale };
