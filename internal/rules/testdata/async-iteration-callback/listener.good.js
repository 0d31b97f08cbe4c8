const { EventEmitter } = require("node:events");

const bus = new EventEmitter();
const subscribers = [];

// A timer's and a listener's promise are dropped; each callback catches
// its own errors, and the fan-out ends the function.
bus.on("tick", async () => {
  subscribers.forEach(async (s) => {
    try {
      await s.notify();
    } catch (err) {
      console.error(err);
    }
  });
});

setInterval(async () => {
  subscribers.forEach(async (s) => {
    try {
      await s.refresh();
    } catch (err) {
      console.error(err);
    }
  });
}, 60_000);
