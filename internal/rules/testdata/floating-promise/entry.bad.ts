// Entries whose dropped call loses something awaiting would keep.
import { Pool } from "pg";

const pool = new Pool();

async function migrate(): Promise<void> {
  await fetch(`${process.env.ADMIN_URL}/migrate`, { method: "POST" });
}

async function start(): Promise<void> {
  await fetch(`${process.env.GATEWAY_URL}/connect`, { method: "POST" });
}

function report(err: unknown): void {
  console.error(err);
}

// The entry's promise is caught: the catch never sees start()'s rejection.
(async () => {
  await migrate();
  start(); // expect: floating-promise
})().catch((err) => {
  report(err);
  process.exit(1);
});

// A try around the call: awaited, its rejection would be reported.
(async () => {
  try {
    start(); // expect: floating-promise
  } catch (err) {
    report(err);
  }
})();

// The entry closes the pool after it: start() may be cut off half done,
// and its rejection is lost with it.
(async () => {
  start(); // expect: floating-promise
  await migrate();
  await pool.end();
})();

// An entry also awaited elsewhere, and one exported: their callers may
// handle what they return.
async function boot(): Promise<void> {
  await migrate();
  start(); // expect: floating-promise
}
boot();
export async function reload(): Promise<void> {
  await boot();
}

export async function main(): Promise<void> {
  await migrate();
  start(); // expect: floating-promise
}
main();
