const express = require("express");
const { EventEmitter } = require("events");
const { sendReceipt, sendReceiptQuietly, formatReceipt } = require("./lib/mailer");
const mailer = require("./lib/mailer");

const app = express();
const bus = new EventEmitter();

async function sweepExpired(db) {
  await db.query("DELETE FROM sessions WHERE expires_at < now()");
}

app.post("/orders", async (req, res) => {
  const order = { id: Date.now(), ...req.body };
  sendReceipt(order); // expect: floating-promise
  sendReceiptQuietly(order);
  formatReceipt(order);
  res.status(201).json(order);
});

function startSweeper(db) {
  setInterval(() => {
    sweepExpired(db); // expect: floating-promise
  }, 60_000);
  setTimeout(() => sweepExpired(db), 1_000); // expect: floating-promise
}

function startReporter(report) {
  setInterval(async () => { // expect: floating-promise
    await report.flush();
  }, 10_000);
}

bus.on("order.paid", async (order) => { // expect: floating-promise
  await mailer.sendReceipt(order);
});

bus.once("order.refunded", (order) => {
  mailer.sendReceipt(order).then(() => console.log("sent")); // expect: floating-promise
});

function notifyAll(orders) {
  orders.map((o) => sendReceipt(o)); // expect: floating-promise
}

process.on("SIGHUP", () => sweepExpired(null)); // expect: floating-promise

function startAll(db) {
  setInterval(sweepExpired, 5_000, db); // expect: floating-promise
}

module.exports = { app, startSweeper, startReporter, notifyAll, startAll };
