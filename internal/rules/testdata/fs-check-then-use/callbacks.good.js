const fs = require("fs");

// The read's own error reaches a handler, as a catch would: a file removed
// after the check makes the read fail, and that failure is handled.
function loadKey(file, done) {
  fs.access(file, fs.constants.R_OK, (err) => {
    if (err) return done(err);
    fs.readFile(file, done);
  });
}

function loadTemplate(file, res) {
  fs.stat(file, (err) => {
    if (err) return res.status(404).end();
    fs.readFile(file, "utf8", (readErr, text) => {
      if (readErr) return res.status(500).end();
      res.send(text);
    });
  });
}

module.exports = { loadKey, loadTemplate };
