const fs = require("fs");
const { promisify } = require("util");
const { EventEmitter } = require("events");

const bus = new EventEmitter();

// Not async: errors go to done.
function readConfig(configPath, done) {
  fs.readFile(configPath, "utf8", (err, text) => {
    if (err) return done(err);
    done(null, JSON.parse(text));
  });
}

// Wrapped in a promise.
async function readText(file) {
  return new Promise((resolve, reject) => {
    fs.readFile(file, "utf8", (err, text) => (err ? reject(err) : resolve(text)));
  });
}

// The promise API.
async function readJson(file) {
  const text = await fs.promises.readFile(file, "utf8");
  return JSON.parse(text);
}

const stat = promisify(fs.stat);
async function size(file) {
  const s = await stat(file);
  return s.size;
}

// Callbacks that only log, or hand the error on.
async function touch(file, next) {
  fs.utimes(file, new Date(), new Date(), (err) => {
    if (err) console.error("touch failed", err);
  });
  fs.access(file, (err) => {
    if (err) return next(err);
    next();
  });
}

// Middleware: the callback answers the request.
async function sendExport(req, res) {
  res.sendFile(req.params.file, (err) => {
    if (err) return res.status(404).end();
  });
}

// Event listeners, array callbacks, promise handlers and timers.
async function watch(items) {
  bus.on("error", (err) => {
    throw err;
  });
  const ids = items.map((e) => e.id);
  const checked = items.filter((e) => {
    if (e) return e.ok;
    return false;
  });
  await readJson("x.json").catch((err) => {
    throw new Error(`wrapped: ${err.message}`);
  });
  setTimeout((e) => e, 10);
  return [ids, checked];
}

// An API that also returns a promise, awaited.
async function limited(limit, req, res) {
  await limit.handler(req, res, (err) => {
    if (err) throw err;
  });
}

module.exports = { readConfig, readText, readJson, size, touch, sendExport, watch, limited };
