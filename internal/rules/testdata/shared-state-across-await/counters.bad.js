const { measure, score, loadSession, buildIndex } = require("./helpers");

let totalBytes = 0;

async function recordUpload(file) {
  totalBytes += await measure(file); // expect: shared-state-across-await
}

let served = 0;

async function recordServed(req, handle) {
  const before = served;
  const count = await handle(req);
  served = before + count; // expect: shared-state-across-await
}

const sessions = {};

async function getSession(id) {
  if (!sessions[id]) {
    sessions[id] = await loadSession(id); // expect: shared-state-across-await
  }
  return sessions[id];
}

const indexes = {};

async function indexFor(language) {
  if (indexes[language]) {
    return indexes[language];
  }
  const built = await buildIndex(language);
  indexes[language] = built; // expect: shared-state-across-await
  return built;
}

async function totalScore(items) {
  let sum = 0;
  await Promise.all(
    items.map(async (item) => {
      sum += await score(item); // expect: shared-state-across-await
    }),
  );
  return sum;
}

class Wallet {
  constructor(ledger) {
    this.balance = 0;
    this.ledger = ledger;
  }

  async deposit(amount) {
    const current = this.balance;
    await this.ledger.append("deposit", amount);
    this.balance = current + amount; // expect: shared-state-across-await
  }
}

// A limit checked before the await: the count changed before it is
// another one, so calls that pass the check together all start.
let running = 0;
let started = 0;
const limit = 2;

async function startJob(job) {
  if (running >= limit) return false;
  started++;
  await loadSession(job);
  running++; // expect: shared-state-across-await
  return true;
}

module.exports = { recordUpload, recordServed, getSession, indexFor, totalScore, Wallet, startJob };
