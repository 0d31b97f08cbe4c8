const fs = require("fs");

// A link is created exclusively: when another process made the path in
// between, the call fails with EEXIST, the error the check throws itself.
function linkSafely(destination, source) {
  if (fs.existsSync(destination)) {
    const err = new Error(`'${destination}' already exists`);
    err.code = "EEXIST";
    throw err;
  }
  fs.symlinkSync(source, destination, "dir");
}

function hardLinkOnce(destination, source) {
  if (!fs.existsSync(destination)) {
    fs.linkSync(source, destination);
  }
}

module.exports = { linkSafely, hardLinkOnce };
