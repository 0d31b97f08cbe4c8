// The timers of timers/promises, required or through a namespace, given
// no signal: they resolve after the delay and cannot reject.
const { setTimeout: sleep } = require("node:timers/promises");
const timers = require("timers/promises");
const { EventEmitter } = require("node:events");

const bus = new EventEmitter();
let attempts = 0;

async function backoff() {
  attempts++;
  await sleep(2 ** attempts * 1000);
  await timers.setImmediate();
}

bus.on("error", () => {
  backoff();
});
