// What a Fedify object holds is not Fedify's: the signal in a queue's
// listen options is the platform's AbortSignal, which ignores the promise
// of an async listener. Nor is a Node emitter awaited because its
// listeners are added through a chain.
import type { MessageQueueListenOptions } from "@fedify/fedify";
import { EventEmitter } from "node:events";

export class HttpQueue {
  async listen(handler: (m: unknown) => Promise<void>, options: MessageQueueListenOptions = {}): Promise<void> {
    await new Promise<void>((resolve) => {
      options.signal?.addEventListener("abort", async () => { // expect: floating-promise
        await fetch("http://queue.internal/consumers", { method: "DELETE" });
        resolve();
      });
    });
  }
}

const bus = new EventEmitter();
bus.setMaxListeners(20).on("job", async (id: string) => { // expect: floating-promise
  await fetch(`http://queue.internal/jobs/${id}`, { method: "POST" });
});
