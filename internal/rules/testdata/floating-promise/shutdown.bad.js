// Shutdown handlers whose rejection is not the end of the process they
// mean: the exit comes first, or there is none.
const { Agenda } = require("agenda");

const agenda = new Agenda({ db: { address: process.env.MONGO_URL } });

async function stopJobs() {
  await agenda.stop();
  console.log("jobs stopped");
}

process.on("SIGTERM", () => stopJobs()); // expect: floating-promise

process.on("SIGHUP", async () => { // expect: floating-promise
  if (!agenda) process.exit(1);
  await agenda.stop();
  await agenda.start();
});
