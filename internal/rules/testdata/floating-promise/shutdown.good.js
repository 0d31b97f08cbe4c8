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
