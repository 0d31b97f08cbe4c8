// runExclusive settles as the function it runs: one that handles its own
// errors makes the call unable to reject.
import { Mutex } from "async-mutex";
import { EventEmitter } from "node:events";

const bus = new EventEmitter();
const browserMutex = new Mutex();

async function connect(): Promise<string> {
  const res = await fetch("http://localhost:9222/json/version");
  return res.text();
}

async function tryCatch<T>(p: Promise<T>): Promise<{ data?: T; error?: unknown }> {
  try {
    return { data: await p };
  } catch (error) {
    return { error };
  }
}

async function launch(): Promise<void> {
  await browserMutex.runExclusive(async () => {
    const r = await tryCatch(connect());
    if (r.error) {
      setTimeout(() => {
        launch();
      }, 5000);
    }
  });
}

bus.on("disconnected", () => {
  launch();
});
