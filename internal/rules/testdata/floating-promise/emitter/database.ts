import { EventEmitter } from "events";

// An emitter whose emitAsync awaits every listener of the event, one after
// another, and rejects with the first listener's rejection.
export class Database extends EventEmitter {
  async emitAsync(event: string, ...args: unknown[]): Promise<boolean> {
    for (const listener of this.listeners(event)) {
      await listener(...args);
    }
    return this.listenerCount(event) > 0;
  }

  async save(model: string, row: object) {
    await this.emitAsync(`${model}.beforeSave`, row);
    await this.emitAsync("afterSave", row);
  }

  close() {
    this.emit("closed");
  }
}

export class Application {
  constructor(readonly database: Database) {}

  get db() {
    return this.database;
  }
}
