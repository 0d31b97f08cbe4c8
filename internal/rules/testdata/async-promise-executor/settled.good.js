const { spawn } = require("node:child_process");

// The awaited promise comes from an executor that only resolves.
function waitForExit(cmd) {
  return new Promise(async (resolve) => {
    const child = spawn(cmd, { shell: true });
    const exited = new Promise((done) => child.on("exit", (code) => done(code)));
    resolve(await exited);
  });
}

const sleepFor = (ms) => new Promise((resolve) => setTimeout(() => resolve(), ms));

// The executor awaits only a timer wrapped in a promise and catches the
// rest: its own promise cannot reject.
function pollMember(queue, timeoutMs) {
  return new Promise(async (resolve) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const member = await queue.pop();
        if (member) return resolve(member);
      } catch (err) {
        console.error(err);
      }
      await sleepFor(1000);
    }
    resolve(null);
  });
}

module.exports = { waitForExit, pollMember };
