import { Agenda } from "agenda";
import type { Server } from "node:http";

export function onSignals(agenda: Agenda, server: Server): void {
  const shutdown = async (): Promise<void> => {
    await agenda.stop();
    server.close();
  };
  process.on("SIGTERM", shutdown); // expect: floating-promise
}
