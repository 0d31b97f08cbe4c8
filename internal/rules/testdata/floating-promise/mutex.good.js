// runExclusive settles as the function it runs; this one catches its errors.
const { Mutex } = require("async-mutex");
const { EventEmitter } = require("node:events");

const bus = new EventEmitter();
const lock = new Mutex();

async function refresh() {
  try {
    const res = await fetch("http://localhost:8080/config");
    return await res.json();
  } catch (err) {
    console.error(err);
    return null;
  }
}

async function reload() {
  const config = await lock.runExclusive(refresh);
  console.log("reloaded", config);
}

bus.on("change", () => {
  reload();
});
