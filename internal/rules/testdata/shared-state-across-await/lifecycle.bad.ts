// The state leaves its idle value only after the await, or goes back to it
// while work is still awaited: calls that arrive in between all pass the
// test and read the same log slot or total.
import { createLogger, type Logger } from "./lifecycle-logger.ts";

const IDLE = "idle";
const STARTING = "starting";

export class LateApp {
  #state = IDLE;
  #log: Logger | undefined;

  async init(): Promise<void> {
    if (this.#state !== IDLE) return;
    this.#log = this.#log || (await createLogger()); // expect: shared-state-across-await
    this.#state = STARTING;
  }
}

export class ResetCounter {
  #state = IDLE;
  #total = 0;

  async refresh(count: () => Promise<number>, flush: () => Promise<void>): Promise<void> {
    if (this.#state !== IDLE) return;
    this.#state = STARTING;
    const before = this.#total;
    const n = await count();
    this.#state = IDLE;
    await flush();
    this.#total = before + n; // expect: shared-state-across-await
  }
}
