const Fse = require("fs-extra");
const nThen = require("nthen");

// fs-extra methods given a callback, directly or through a wrapper that
// returns it (nThen's waitFor, once), report to the callback and return no
// promise.
function archive(src, dst, cb) {
  nThen(function (w) {
    Fse.move(src, dst, { overwrite: true }, w(function (err) {
      if (err) {
        w.abort();
        cb(err);
      }
    }));
  }).nThen(function () {
    cb();
  });
}

function once(fn) {
  let called = false;
  return function (...args) {
    if (!called) {
      called = true;
      fn(...args);
    }
  };
}

function clean(dir, callback) {
  setTimeout(() => {
    Fse.remove(dir, once(callback));
  }, 1000);
}

module.exports = { archive, clean };

// A callback whose error parameter is called e, and one kept in a variable.
function makeStream(full, _cb) {
  const cb = once(_cb);
  Fse.mkdirp(full, function (e) {
    if (e) {
      return void cb(e);
    }
    cb();
  });
  Fse.ensureFile(full + ".lock", cb);
}

module.exports.makeStream = makeStream;
