const asCallback = require("standard-as-callback");

// A command batch that callers run with a callback or as a promise.
function Batch(conn) {
  this.conn = conn;
  this.queue = [];
  this.promise = new Promise((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

Batch.prototype.run = function (callback) {
  asCallback(this.promise, callback);
  if (this.queue.length === 0) {
    this.resolve([]);
    return this.promise;
  }
  const send = () => this.conn.write(this.queue).then(this.resolve, this.reject);
  return this.conn // expect: floating-promise
    .loadScripts()
    .then(send);
};

module.exports = { Batch };
