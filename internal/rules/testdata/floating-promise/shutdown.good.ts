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

// Listeners of the signals that ask the process to stop: where nothing
// keeps the process alive, a rejection ends it as the signal asked, with
// the error printed, whether or not the listener calls process.exit.
export function onStop(agenda: Agenda): void {
  const stop = async (): Promise<void> => {
    await agenda.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as NodeJS.Signals[]) {
    process.on(signal, stop);
  }
  process.once("SIGQUIT", () => {
    void 0;
    stop();
  });
}

// A stop handler guarded against a second stop, used for the restart
// signals of nodemon and PM2 too: the path that awaits ends the process.
export function onRestart(agenda: Agenda): void {
  let stopping = false;
  const exitWhenStopped = async (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      await agenda.drain();
      process.exit(0);
    }
  };
  process.on("SIGUSR2", exitWhenStopped);
  process.on("SIGHUP", exitWhenStopped);
}
