// Signal handlers whose rejection is not the end the process means: SIGHUP
// asks a daemon to reload, and the process is meant to go on.
const { Agenda } = require("agenda");

const agenda = new Agenda({ db: { address: process.env.MONGO_URL } });

async function restartJobs() {
  await agenda.stop();
  await agenda.start();
}

process.on("SIGHUP", () => restartJobs()); // expect: floating-promise

process.on("SIGUSR2", async () => { // expect: floating-promise
  if (!agenda) process.exit(1);
  await agenda.stop();
  await agenda.start();
});

// The work awaited before the guard runs on the path that ends nothing:
// when it rejects and no stop is under way, the daemon meant to go on.
let reloading = false;
async function reloadOrExit() {
  await agenda.stop();
  if (!reloading) {
    reloading = true;
    await agenda.start();
    process.exit(0);
  }
}

process.on("SIGHUP", reloadOrExit); // expect: floating-promise
