import { Mutex } from "async-mutex";
import { EventEmitter } from "node:events";

const bus = new EventEmitter();
const lock = new Mutex();
const cancellable = new Mutex();

async function refresh(): Promise<void> {
  try {
    await fetch("http://localhost:8080/config");
  } catch (err) {
    console.error(err);
  }
}

// The function it runs can reject: so can runExclusive.
async function reload(): Promise<void> {
  await lock.runExclusive(async () => {
    await fetch("http://localhost:8080/config");
  });
}

// cancel() rejects the calls still waiting for the lock with E_CANCELED.
async function reloadCancellable(): Promise<void> {
  await cancellable.runExclusive(refresh);
}

bus.on("change", () => {
  reload(); // expect: floating-promise
  reloadCancellable(); // expect: floating-promise
});
bus.on("stop", () => cancellable.cancel());
