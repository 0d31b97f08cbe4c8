const asCallback = require("standard-as-callback");

function Batch(conn) {
  this.conn = conn;
  this.queue = [];
  this.promise = new Promise((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

// Every path returns the promise the callback is attached to, and the
// script-loading failure is routed into it.
Batch.prototype.run = function (callback) {
  asCallback(this.promise, callback);
  if (this.queue.length === 0) {
    this.resolve([]);
    return this.promise;
  }
  const send = () => this.conn.write(this.queue).then(this.resolve, this.reject);
  this.conn.loadScripts().then(send, this.reject);
  return this.promise;
};

// Handing the callback on: the callee takes it over.
Batch.prototype.runLater = function (callback) {
  asCallback(this.promise, callback);
  return this.conn.ready().then(() => this.run(callback));
};

module.exports = { Batch };
