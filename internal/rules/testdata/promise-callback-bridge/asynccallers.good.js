const util = require("util");
const { db } = require("./db");

// Both callers pass async callbacks: a failure inside one rejects the
// promise it returns and never throws into the .then, so the .catch cannot
// call it a second time.
function loadReport(id, callback) {
  db.reports.findOne({ id }).then((row) => callback(null, row)).catch(callback);
}

async function show(req, res) {
  loadReport(req.params.id, async (err, row) => {
    if (err) return res.status(500).end();
    res.json(await decorate(row));
  });
}

async function decorate(row) {
  return { ...row, seen: true };
}

const onLoaded = async (err, row) => {
  if (!err) await decorate(row);
};

function prefetch(id) {
  loadReport(id, onLoaded);
}

// Called only through util.promisify: the callback it gets settles a
// promise and never throws.
function readSettings(name, cb) {
  db.settings.findOne({ name }).then((row) => cb(null, row)).catch(cb);
}
const readSettingsAsync = util.promisify(readSettings);

module.exports = { show, prefetch, readSettingsAsync };
