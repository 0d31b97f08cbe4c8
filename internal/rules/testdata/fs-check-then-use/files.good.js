const fs = require("fs");
const fsp = require("fs/promises");

function prepare(outDir, configPath) {
  if (!fs.existsSync(outDir)) {
    fs.mkdirSync(outDir, { recursive: true });
  }
  if (fs.existsSync(configPath)) {
    console.log("using config", configPath);
  }
}

// Exclusive create: fails with EEXIST instead of overwriting.
async function createLock(lockPath) {
  if (!fs.existsSync(lockPath)) {
    await fsp.writeFile(lockPath, String(process.pid), { flag: "wx" });
  }
}

// Appending neither overwrites nor fails when the file appeared.
function openLog(file) {
  if (fs.existsSync(file)) {
    return fs.createWriteStream(file, { flags: "a" });
  }
  return fs.createWriteStream(file, { flags: "a" });
}

// The operation's own error is handled.
async function removeIfPresent(file) {
  if (fs.existsSync(file)) {
    try {
      await fsp.unlink(file);
    } catch (err) {
      if (err.code !== "ENOENT") throw err;
    }
  }
}

// A synchronous read after a synchronous check: nothing of this process
// runs in between, and a concurrent delete would only make the read throw.
function loadConfig(file) {
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }
  return {};
}

// Listing a directory that was checked.
async function listPlugins(dir) {
  if (fs.existsSync(dir)) {
    return fsp.readdir(dir);
  }
  return [];
}

// The check and the use name different paths.
async function copyDefault(target, fallback) {
  if (await fileExists(target)) {
    return fsp.readFile(fallback);
  }
  return null;
}

async function fileExists(p) {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

module.exports = { prepare, createLock, openLog, removeIfPresent, loadConfig, listPlugins, copyDefault };
