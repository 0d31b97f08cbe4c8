const { default: Redlock } = require("redlock");
const Redis = require("ioredis");
const store = require("./store");

const locker = new Redlock([new Redis()]);

async function rotateKeys() {
  const keys = await store.list();
  for (const k of keys) {
    await store.rotate(k);
  }
}

async function run() {
  await locker.using(["rotate"], 30000, rotateKeys); // expect: redlock-unchecked-abort
}

module.exports = { run };

async function applyPolicies(db) {
  const due = await db.duePolicies();
  for (const policy of due) {
    await db.apply(policy);
  }
}

async function tick(db) {
  await locker.using(["lock:policy-apply"], 240000, async () => { // expect: redlock-unchecked-abort
    await applyPolicies(db);
  });
}

module.exports.tick = tick;
