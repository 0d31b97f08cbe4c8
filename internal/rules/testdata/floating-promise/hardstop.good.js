// A server whose handlers arm a forced exit before they await the stop:
// whatever the stop does, the timer ends the process, so a rejection on
// the way loses nothing the handler did not mean to give up.
const { Agenda } = require("agenda");

const agenda = new Agenda({ db: { address: process.env.MONGO_URL } });
const timeout = 30000;

async function stopJobs() {
  const stopped = await agenda.stop();
  if (!stopped) throw new Error("jobs did not stop");
}

function awaitHardStop() {
  return setTimeout(() => {
    console.error(`did not stop within ${timeout}ms`);
    process.exit(1);
  }, timeout);
}

process.on("unhandledRejection", (err) => {
  console.error(err);
});

process.once("uncaughtException", async (err) => {
  console.error(err);
  if (!agenda.stopping) {
    const timer = awaitHardStop();
    await stopJobs();
    clearTimeout(timer);
    process.exit(1);
  }
});

process.on("SIGUSR2", async () => {
  const timer = setTimeout(() => process.exit(1), timeout);
  await stopJobs();
  await agenda.start();
  clearTimeout(timer);
});
