// A field of a Node emitter's type, or what a Fedify object holds in a
// property, is not Fedify's: these listeners' promises are dropped.
import type { MessageQueueListenOptions } from "@fedify/fedify";
import { EventEmitter } from "node:events";

export class Worker {
  private readonly bus: EventEmitter = new EventEmitter();
  private readonly events?: EventEmitter;

  constructor(private readonly options: MessageQueueListenOptions) {}

  start(): void {
    this.bus.setMaxListeners(20).on("job", async (id: string) => { // expect: floating-promise
      await fetch(`http://queue.internal/jobs/${id}`, { method: "POST" });
    });
    this.events?.on("stop", async () => { // expect: floating-promise
      await fetch("http://queue.internal/consumers", { method: "DELETE" });
    });
    this.options.signal?.addEventListener("abort", async () => { // expect: floating-promise
      await fetch("http://queue.internal/consumers", { method: "DELETE" });
    });
  }
}
