const { spawn } = require("node:child_process");

// The awaited promise comes from an executor that only resolves.
function waitForExit(cmd) {
  return new Promise(async (resolve) => {
    const child = spawn(cmd, { shell: true });
    const exited = new Promise((done) => child.on("exit", (code) => done(code)));
    resolve(await exited);
  });
}

module.exports = { waitForExit };
