const { EventEmitter } = require("node:events");

const bus = new EventEmitter();

// The one caller passes a callback that returns nothing and throws
// nothing: awaiting it cannot reject.
function onDrain(cb) {
  bus.on("drain", async () => {
    await cb();
    bus.emit("drained");
  });
}

onDrain(() => {
  console.log("queue drained");
});
