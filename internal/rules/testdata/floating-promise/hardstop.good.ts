import { Agenda } from "agenda";

const timeout = 30000;

async function stopJobs(agenda: Agenda): Promise<void> {
  const stopped = await agenda.stop();
  if (!stopped) throw new Error("jobs did not stop");
}

function awaitHardStop(): NodeJS.Timeout {
  return setTimeout(() => {
    console.error(`did not stop within ${timeout}ms`);
    process.nextTick(() => process.exit(1));
  }, timeout);
}

export function handleSignals(agenda: Agenda, restart: () => Promise<void>): void {
  process.on("unhandledRejection", (err) => {
    console.error(err);
  });
  process.on("SIGUSR2", async () => {
    console.log("restarting");
    const timer = awaitHardStop();
    await stopJobs(agenda);
    await restart();
    clearTimeout(timer);
  });
  process.once("uncaughtException", async (err: Error) => {
    console.error(err);
    const timer = awaitHardStop();
    await stopJobs(agenda);
    clearTimeout(timer);
  });
}
