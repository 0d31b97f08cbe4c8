const fs = require("fs");
const db = require("./db");

// A plain executor wrapping a callback API.
function readText(file) {
  return new Promise((resolve, reject) => {
    fs.readFile(file, "utf8", (err, text) => (err ? reject(err) : resolve(text)));
  });
}

// The whole async body is guarded and reports to reject.
function loadProfile(id) {
  return new Promise(async (resolve, reject) => {
    try {
      const { rows } = await db.query("SELECT * FROM profiles WHERE id = $1", [id]);
      if (rows.length === 0) throw new Error("no profile " + id);
      resolve(rows[0]);
    } catch (err) {
      reject(err);
    }
  });
}

// Awaits that cannot reject.
function later(value) {
  return new Promise(async (resolve) => {
    await new Promise((r) => setTimeout(r, 10));
    resolve(value);
  });
}

// Not a promise construction.
class Job {
  constructor(run) {
    this.run = run;
  }
}
const job = new Job(async (ctx) => {
  await ctx.step();
});

// An async function that is not the executor, called inside a plain one.
function both(a, b) {
  return new Promise((resolve, reject) => {
    const run = async () => resolve([await a(), await b()]);
    run().catch(reject);
  });
}

// Every awaited promise has its rejection handled.
function firstOf(a, b) {
  return new Promise(async (resolve, reject) => {
    const x = await a().catch(reject);
    const y = await b().then((v) => v, reject);
    resolve(x || y);
  });
}

module.exports = { readText, loadProfile, later, job, both, firstOf };
