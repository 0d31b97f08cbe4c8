// Shutdown handlers that end the process themselves: if draining rejects,
// the unhandled rejection ends the process too, with the error printed,
// which is what a catch that logs and exits would do.
const { Agenda } = require("agenda");

const agenda = new Agenda({ db: { address: process.env.MONGO_URL } });

async function gracefulShutdown(signal) {
  console.log(`${signal} received, draining jobs`);
  await agenda.drain();
  process.exit(0);
}

process.on("SIGTERM", () => gracefulShutdown("SIGTERM"));
process.on("SIGINT", () => gracefulShutdown("SIGINT"));

setTimeout(async () => {
  await agenda.drain();
  console.log("done");
  process.exit(0);
}, 3000);

// Listeners of the signals that ask the process to stop: where nothing
// keeps the process alive, a rejection ends it as the signal asked, with
// the error printed, whether or not the listener calls process.exit.
async function stopJobs() {
  await agenda.stop();
  console.log("jobs stopped");
}

process.on("SIGTERM", () => stopJobs());

async function exit() {
  await agenda.stop();
  setTimeout(() => process.exit(1), 5000).unref();
}

for (const signal of ["SIGINT", "SIGQUIT"]) {
  process.on(signal, exit);
}

// A stop handler that ends the process itself on the one path that awaits
// (the other path only sees that a stop is under way): whatever signal or
// message calls it, a rejection ends the process as the handler would.
let stopping = false;
async function exitWhenStopped() {
  if (!stopping) {
    stopping = true;
    await agenda.drain();
    process.exit(0);
  }
}

process.on("SIGHUP", exitWhenStopped);
process.on("SIGUSR2", exitWhenStopped);
process.on("message", (m) => {
  if (m === "shutdown") exitWhenStopped();
});
