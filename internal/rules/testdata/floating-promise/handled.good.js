const express = require("express");
const { EventEmitter } = require("events");
const Emittery = require("emittery");
const { sendReceipt, sendReceiptQuietly } = require("./lib/mailer");

const app = express();
const bus = new EventEmitter();
const events = new Emittery();

function logError(err) {
  console.error(err);
}

async function main() {
  await sendReceipt({ id: 1 });
}

// A script's entry point: a rejection ends the process with the error, as a throw would.
main();
main().catch(logError);

// Route handlers: the framework (or express-async-errors) receives the promise.
app.get("/receipts/:id", async (req, res) => {
  await sendReceipt({ id: req.params.id });
  res.sendStatus(204);
});

app.post("/receipts", (req, res, next) => {
  sendReceipt(req.body).then(() => res.sendStatus(202), next);
});

bus.on("order.paid", (order) => {
  sendReceipt(order).catch(logError);
  void sendReceipt(order);
  sendReceipt(order).then(() => console.log("sent")).catch(logError);
  sendReceipt(order).catch(logError).finally(() => console.log("done"));
  sendReceiptQuietly(order);
});

bus.on("order.refunded", async (order) => {
  try {
    await sendReceipt(order);
  } catch (err) {
    logError(err);
  }
});

bus.on("tick", async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
});

// Listeners of libraries that await them (await events.emit(...) rejects).
events.on("order.shipped", async ({ order }) => {
  await sendReceipt({ id: order.id });
});

function collect(orders) {
  const pending = orders.map((o) => sendReceipt(o));
  const first = sendReceipt(orders[0]);
  const all = [];
  all.push(sendReceipt(orders[1]));
  return Promise.all([first, ...pending, ...all, sendReceipt(orders[2])]);
}

function later(order) {
  return sendReceipt(order);
}

function withCallback(order, callback) {
  sendReceipt(order, callback);
  sendReceipt(order, (err) => {
    if (err) logError(err);
  });
}

// A synchronous function with a similar name.
function sendReceiptSync(order) {
  return JSON.stringify(order);
}

setInterval(() => {
  sendReceiptSync({ id: 2 });
}, 1000);

// A worker whose run() loops until it is closed: started in the background on purpose.
class Worker {
  constructor() {
    this.closing = false;
  }

  async run() {
    while (!this.closing) {
      await this.next();
    }
  }

  async next() {
    await sendReceipt({ id: "next" });
  }

  start() {
    this.run();
  }
}

// A function that exits in finally never rejects.
async function flushAndExit() {
  try {
    await sendReceipt({ id: "last" });
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => flushAndExit());

// A callback-style test: a rejection leaves done uncalled and fails the test.
it("sends a receipt", function (done) {
  sendReceipt({ id: 3 }).then(() => done());
});

module.exports = { app, collect, later, withCallback, Worker };
