const fs = require("fs");
const crypto = require("crypto");
const path = require("path");

// Two workers that start together both find no key and each writes its
// own: one keeps signing with a key the file no longer holds.
function loadSecret(dir) {
  const file = path.join(dir, "jwt_secret.dat");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32)); // expect: fs-check-then-use
  }
  return fs.readFileSync(file);
}

// The default differs per call: it carries the time it was made.
function ensureState(dir) {
  const file = path.join(dir, "state.json");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify({ createdAt: Date.now() })); // expect: fs-check-then-use
  }
  return file;
}

module.exports = { loadSecret, ensureState };
