import { Lifecycle } from "./lifecycle";
import { audit } from "./work";

Lifecycle.events.on("stopping", async () => {
  await audit({ event: "stopping" });
});
