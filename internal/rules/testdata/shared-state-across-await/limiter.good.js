const { run, probe, tokenize, submit } = require("./jobs");

// The counter is taken in the same synchronous step as the check.
let active = 0;
const max = 4;
const waiting = [];

async function limited(job) {
  while (active >= max) {
    await new Promise((resolve) => waiting.push(resolve));
  }
  active++;
  try {
    return await run(job);
  } finally {
    active--;
    const next = waiting.shift();
    if (next) next();
  }
}

async function bounded(job) {
  if (active < max) {
    active++;
    try {
      await run(job);
    } finally {
      active--; // giving the slot back is not a move towards the bound
    }
  }
}

// Checked again after the await.
async function recheck(job) {
  if (active < max) {
    await probe(job);
    if (active < max) {
      active++;
    }
  }
}

// The marker is added before the first await: a single-flight guard.
const inFlight = new Set();

async function refresh(id) {
  if (inFlight.has(id)) return;
  inFlight.add(id);
  try {
    await run(id);
  } finally {
    inFlight.delete(id);
  }
}

// Unwinding a nesting level checked against a floor.
let depth = 0;
async function leave(job) {
  if (depth > 1) {
    await probe(job);
    depth -= 1;
  }
}

// A counter with no await between its read and its write.
let served = 0;
async function serve(job) {
  served++;
  await run(job);
}

// The lock is taken before the await; the change after it is one more
// reference for the request still running, given back when it ends.
let locked = 0;
async function checkout(card) {
  if (locked > 0) return;
  locked++;
  try {
    const token = await tokenize(card);
    locked++;
    submit(token).finally(() => locked--);
  } finally {
    locked--;
  }
}

module.exports = { limited, bounded, recheck, refresh, leave, serve, checkout };
