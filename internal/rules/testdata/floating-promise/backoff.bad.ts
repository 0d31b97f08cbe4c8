import { setTimeout } from "node:timers/promises";
import { EventEmitter } from "node:events";

const bus = new EventEmitter();
const stopping = new AbortController();

// Given a signal, the timer rejects with an AbortError when it aborts.
async function backoff(attempt: number): Promise<void> {
  await setTimeout(2 ** attempt * 1000, undefined, { signal: stopping.signal });
}

bus.on("error", () => {
  backoff(1); // expect: floating-promise
});
