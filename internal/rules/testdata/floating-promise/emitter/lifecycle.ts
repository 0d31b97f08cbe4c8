import { EventEmitter } from "events";

// An emitter kept in a static field, whose events are dispatched by a loop
// that calls and awaits each listener.
export class Lifecycle {
  static events = new EventEmitter();

  static async shutdown() {
    await this.dispatch("stopping");
  }

  private static async dispatch(name: string) {
    for (const listener of this.events.listeners(name)) {
      await listener();
    }
  }
}

// The same with a plain emit, which ignores the listeners' promises.
export class Signals {
  static events = new EventEmitter();

  static reload() {
    Signals.events.emit("reload");
  }
}
