import { Application } from "./database";
import { audit } from "./work";

export class AuditPlugin {
  constructor(readonly app: Application) {}

  load() {
    // "closed" is dispatched with a plain emit, which ignores what the
    // listener returns.
    this.app.db.on("closed", async () => { // expect: floating-promise
      await audit({ event: "closed" });
    });
  }
}
