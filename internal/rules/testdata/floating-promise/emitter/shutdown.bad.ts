import { Signals } from "./lifecycle";
import { audit } from "./work";

Signals.events.on("reload", async () => { // expect: floating-promise
  await audit({ event: "reload" });
});
