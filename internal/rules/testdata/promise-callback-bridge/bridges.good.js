const fs = require("fs");
const util = require("util");
const db = require("./db");
const once = require("once");

// The two-argument form: a throw in cb does not reach the rejection handler.
function getAccount(id, cb) {
  db.accounts.findById(id).then((account) => cb(null, account), cb);
}

// The callback runs outside the promise chain.
function getInvoice(id, cb) {
  db.invoices
    .findById(id)
    .then((invoice) => process.nextTick(() => cb(null, invoice)))
    .catch((err) => process.nextTick(() => cb(err)));
}

// The .catch does not call the same callback.
function warm(id, cb) {
  db.cache
    .load(id)
    .then(() => cb(null))
    .catch((err) => console.error("warm failed", err));
}

// util.callbackify adapts a promise API once.
const saveOrderCb = util.callbackify(async (order) => db.insert("orders", order));

// The whole body is guarded and reports to the callback.
async function saveOrder(order, callback) {
  try {
    const row = await db.insert("orders", order);
    callback(null, row.id);
  } catch (err) {
    callback(err);
  }
}

// Returns a value: callers use the promise.
async function count(table, cb) {
  const n = await db.count(table);
  if (cb) cb(null, n);
  return n;
}

// Passed directly to a framework that handles the promise.
db.onReady(async (conn, done) => {
  await conn.migrate();
  done(null, conn);
});

// Callers in this project await it while passing a callback.
async function refresh(id, notify) {
  const row = await db.reload(id);
  notify(null, row);
}
async function refreshAll(ids) {
  for (const id of ids) {
    await refresh(id, (err) => err && console.error(err));
  }
}

// Errors travel by the promise, which the runtime awaits; the callback only
// ever receives a result.
exports.handler = async (event, context, callback) => {
  const result = await db.run(event);
  callback(null, result);
};

// A promise is created only when no callback is given.
function Queue(pool) {
  this.pool = pool;
}
Queue.prototype.take = function (cb) {
  if (cb) {
    this.pool.acquire(cb);
    return;
  }
  return new Promise((resolve, reject) => {
    this.pool.acquire((err, item) => (err ? reject(err) : resolve(item)));
  });
};
Queue.prototype.put = function (item, cb) {
  return new Promise((resolve, reject) => {
    this.pool.release(item, (err) => {
      if (cb) {
        return cb(err);
      }
      if (err) reject(err);
      else resolve();
    });
  });
};
Queue.prototype.drain = function (cb) {
  return new Promise((resolve) => {
    this.pool.drain(() => {
      if (cb) cb(null);
      resolve();
    });
  });
};

// The callback is called once on each path.
function openLog(path, cb) {
  fs.open(path, "a", (err, fd) => {
    if (err) {
      cb(err);
      return;
    }
    cb(null, fd);
  });
}
function openOther(path, cb) {
  fs.open(path, "a", (err, fd) => {
    if (err) {
      cb(err);
    } else {
      cb(null, fd);
    }
  });
}

// Not a Node-style callback: called with plain values.
function render(items, onItem) {
  if (items.length === 0) {
    onItem(null);
  }
  onItem(items[0]);
}

// The callback is wrapped to run at most once.
function getLimited(id, cb) {
  const done = once(cb);
  db.limits
    .findById(id)
    .then((limit) => done(null, limit))
    .catch(done);
}

// A hook called only with an error is not a completion callback.
function retry(task, onError) {
  return new Promise((resolve, reject) => {
    task((err, value) => {
      if (err) {
        onError(err);
        return reject(err);
      }
      resolve(value);
    });
  });
}

// A once-guard reassigns the callback.
function onceOnly(path, cb) {
  fs.stat(path, (err, st) => {
    if (err) {
      cb(err);
      cb = () => {};
    }
    cb(null, st);
  });
}

module.exports = { getAccount, getInvoice, warm, saveOrderCb, saveOrder, count, refreshAll, Queue, openLog, openOther, render, once: onceOnly, getLimited, retry };

// Two calls in a row are deliberate (a release function called twice to
// show the second call does nothing).
function releaseTwice(pool, cb) {
  pool.acquire((err, client, release) => {
    release(new Error("broken"));
    release();
    cb(null, client);
  });
}
module.exports.releaseTwice = releaseTwice;

// Handed to a framework that calls it and may await it (Express 5).
async function requireUser(req, res, next) {
  if (!req.headers.authorization) {
    return next(new Error("unauthorised"));
  }
  req.user = await db.users.byToken(req.headers.authorization);
  next();
}
db.app.use(requireUser);
