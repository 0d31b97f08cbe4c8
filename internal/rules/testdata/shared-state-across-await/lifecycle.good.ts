// Start-up that runs once however often it is asked for: the state field
// leaves its idle value before the first await, and a caller that finds it
// anywhere else gets the shared promise.
import { createLogger, type Logger } from "./lifecycle-logger.ts";

const IDLE = "idle";
const STARTING = "starting";
const READY = "ready";

export class App {
  #state = IDLE;
  #ready: Promise<void> = Promise.resolve();
  #log: Logger | undefined;

  async init(): Promise<void> {
    if (this.#state !== IDLE) {
      return this.#ready;
    }
    this.#state = STARTING;
    this.#log = this.#log || (await createLogger());
    this.#state = READY;
  }
}

export class Server {
  #ran = false;
  #log: Logger | undefined;

  async init(): Promise<void> {
    if (this.#ran === true) {
      return;
    }
    this.#ran = true;
    this.#log = this.#log || (await createLogger());
  }
}
