import { start } from "./jobs";

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

type Store = { list(): Promise<string[]>; close(): Promise<void> };
declare const store: Store;
let started = false;

// Schedules its next turn only when a turn ends: a failed list() skips
// that, and polling stops for good although the process goes on.
async function poll(): Promise<void> {
  const items = await store.list();
  console.log(items.length);
  setTimeout(() => poll(), 5_000);
}

// Schedules the next turn in finally: a failed turn is logged and the
// next one runs.
async function sweep(): Promise<void> {
  try {
    await store.list();
  } finally {
    setTimeout(sweep, 5_000);
  }
}

// Arms a forced exit before anything can fail: the process ends anyway.
async function stop(): Promise<void> {
  setTimeout(() => process.exit(1), 10_000).unref();
  if (!started) throw new Error("stop before start");
  await store.close();
  process.exit(0);
}

// No forced exit: a rejection is logged and the process keeps running.
async function halt(): Promise<void> {
  if (!started) throw new Error("halt before start");
  await store.close();
  process.exit(0);
}

process.on("SIGTERM", () => {
  stop();
});
process.on("SIGINT", () => {
  halt();
});

started = true;
poll();
sweep();
start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

// Waits for start-up on a timer, then runs once: the re-arm and the
// await are on different branches, so no rejection skips a next turn.
async function boot(): Promise<void> {
  if (started) {
    await store.list();
  } else {
    setImmediate(() => boot());
  }
}
boot();

// Re-arms in finally, but the first await is outside the try: a failure
// there skips the finally, and the loop stops.
async function tick(): Promise<void> {
  const items = await store.list();
  try {
    await store.close();
  } finally {
    setTimeout(() => tick(), items.length * 1_000);
  }
}
tick();

// Starts polling again: the loop's one finding is where it re-arms.
export function restart(): void {
  poll();
}

// Its only await is a timer, which cannot reject: the loop goes on.
async function heartbeat(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  console.log("alive");
  setTimeout(() => heartbeat(), 1_000);
}
heartbeat();
