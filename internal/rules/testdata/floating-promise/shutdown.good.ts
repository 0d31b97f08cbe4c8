import { Agenda } from "agenda";
import type { Server } from "node:http";

export function onSignals(agenda: Agenda, server: Server): void {
  const shutdown = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await agenda.stop();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
