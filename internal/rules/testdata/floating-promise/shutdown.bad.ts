import { Agenda } from "agenda";
import type { Server } from "node:http";

export function onSignals(agenda: Agenda, server: Server): void {
  // SIGHUP reloads: a rejection ends a process that was meant to go on.
  const reload = async (): Promise<void> => {
    await agenda.stop();
    server.close();
    await agenda.start();
  };
  process.on("SIGHUP", reload); // expect: floating-promise
}
