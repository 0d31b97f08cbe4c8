const cors = require("cors");
const db = require("./db");

// Only a callback that throws makes .then(cb).catch(cb) call it twice.
// These callers only reply or settle a promise, and cors's own callback
// does not throw back into the caller.
function getAccount(id, cb) {
  db.accounts
    .findById(id)
    .then((account) => cb(null, account))
    .catch(cb);
}

function show(id, res) {
  getAccount(id, (err, account) => {
    if (err) return res.status(500).end();
    res.json(account);
  });
}

function load(id) {
  return new Promise((resolve, reject) => {
    getAccount(id, (err, account) => (err ? reject(err) : resolve(account)));
  });
}

const corsOptions = {
  origin(origin, callback) {
    db.origins
      .allowed(origin)
      .then((ok) => callback(null, ok))
      .catch(callback);
  },
};

module.exports = { show, load, middleware: cors(corsOptions) };
