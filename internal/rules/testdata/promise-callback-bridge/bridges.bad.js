const fs = require("fs");
const db = require("./db");
const cache = new Map();

// Form 1: the success call is inside .then and the same callback is the .catch handler.
function getAccount(id, cb) {
  db.accounts
    .findById(id)
    .then((account) => cb(null, account))
    .catch(cb); // expect: promise-callback-bridge
}

function getInvoice(id, done) {
  db.invoices
    .findById(id)
    .then((invoice) => {
      done(undefined, invoice);
    })
    .catch((err) => { // expect: promise-callback-bridge
      console.error("invoice lookup failed", err);
      done(err);
    });
}

function getQuota(id, cb) {
  db.quotas
    .findById(id)
    .then((quota) => cb(null, quota), (err) => console.error("lookup", err))
    .catch(cb); // expect: promise-callback-bridge
}

// Form 2: an async function that reports only through its callback.
async function saveOrder(order, callback) { // expect: promise-callback-bridge
  if (!order.items.length) {
    return callback(new Error("empty order"));
  }
  const row = await db.insert("orders", order);
  callback(null, row.id);
}

async function archive(id, cb) { // expect: promise-callback-bridge
  try {
    await db.lock(id);
  } catch (err) {
    return cb(err);
  }
  const data = await db.read(id); // outside the try
  cb(null, data);
}

// Form 3: a promise created and rejected although a callback was given.
function Queue(pool) {
  this.pool = pool;
}

Queue.prototype.take = function (cb) {
  return new Promise((resolve, reject) => { // expect: promise-callback-bridge
    this.pool.acquire((err, item) => {
      if (err) {
        if (cb) cb(err);
        return reject(err);
      }
      if (cb) cb(null, item);
      resolve(item);
    });
  });
};

function fetchRow(key, callback) {
  if (cache.has(key)) {
    callback(null, cache.get(key));
    return;
  }
  return new Promise((resolve, reject) => { // expect: promise-callback-bridge
    db.ready((err) => {
      if (err) return reject(err);
      fetchRow(key, callback).then(resolve, reject);
    });
  });
}

Queue.prototype.peek = function (cb) {
  const pending = new Promise((resolve, reject) => { // expect: promise-callback-bridge
    this.pool.peek((err, item) => {
      if (cb) cb(err, item);
      if (err) reject(err);
      else resolve(item);
    });
  });
  return pending;
};

// Form 4: the callback is called twice on the error path.
function openLog(path, cb) {
  fs.open(path, "a", (err, fd) => {
    if (err) {
      console.error("open failed", err);
      cb(err);
    }
    cb(null, fd); // expect: promise-callback-bridge
  });
}

// The callers' callbacks throw on an error, the way Node-style code often
// does: the throw inside .then reaches the .catch, which calls them again.
function report(id, res) {
  getAccount(id, (err, account) => {
    if (err) throw err;
    res.send(account.name);
  });
  getInvoice(id, (err, invoice) => {
    if (err) throw err;
    res.send(invoice.total);
  });
  getQuota(id, (err, quota) => {
    if (err) throw err;
    res.send(quota.limit);
  });
}

module.exports = { getQuota, getAccount, getInvoice, saveOrder, archive, Queue, fetchRow, openLog, report };
