import { Agenda } from "agenda";

const timeout = 30000;

async function stopJobs(agenda: Agenda): Promise<void> {
  const stopped = await agenda.stop();
  if (!stopped) throw new Error("jobs did not stop");
}

function warnSlow(): NodeJS.Timeout {
  return setTimeout(() => console.warn(`still restarting after ${timeout}ms`), timeout);
}

export function handleSignals(agenda: Agenda, restart: () => Promise<void>): void {
  process.on("unhandledRejection", (err) => {
    console.error(err);
  });
  // The timer only warns: a failed restart leaves the process running
  // without its jobs, and the error far from its cause.
  process.on("SIGUSR2", async () => { // expect: floating-promise
    const timer = warnSlow();
    await stopJobs(agenda);
    await restart();
    clearTimeout(timer);
  });
  // The forced exit is armed only after the first await: when the stop
  // fails, nothing ends the process.
  process.on("SIGUSR1", async () => { // expect: floating-promise
    await stopJobs(agenda);
    const timer = setTimeout(() => process.exit(1), timeout);
    await agenda.start();
    clearTimeout(timer);
  });
}
