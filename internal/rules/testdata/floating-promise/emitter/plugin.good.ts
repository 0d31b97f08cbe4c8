import { Application } from "./database";
import { hashPassword, audit } from "./work";

// Listeners of events the emitter's class only dispatches with an awaited
// emitAsync: their promises are handed to the dispatch, which rejects the
// save with them.
export class UsersPlugin {
  constructor(readonly app: Application) {}

  get db() {
    return this.app.db;
  }

  load() {
    this.db.on("users.beforeSave", async (row: { password: string }) => {
      row.password = await hashPassword(row.password);
    });
    this.app.database.on("afterSave", async (row: object) => {
      await audit(row);
    });
  }
}
