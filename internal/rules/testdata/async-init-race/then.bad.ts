import { connectQueue, type Queue } from "./clients";

// The promise form: the slot is filled in the continuation, long after the
// check.
export class Publisher {
  private queue?: Queue;

  getQueue(): Promise<Queue> {
    if (this.queue) {
      return Promise.resolve(this.queue);
    }
    return connectQueue("amqp://127.0.0.1").then((q) => {
      this.queue = q; // expect: async-init-race
      return q;
    });
  }
}
