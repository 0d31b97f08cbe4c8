const { appendFile } = require("node:fs/promises");

let tail = Promise.resolve();
let count = 0;

// tail = tail.then(...): one append at a time, and the counter with it.
function record(file, line) {
  tail = tail.then(async () => {
    const n = count;
    await appendFile(file, `${n} ${line}\n`);
    count = n + 1;
  });
  return tail;
}

module.exports = { record };
