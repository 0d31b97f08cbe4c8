const { Mutex } = require("async-mutex");
const Redis = require("ioredis");
const { measure, score, loadSession, refresh } = require("./helpers");

const redis = new Redis();

// Read and write with no await between them: one callback runs at a time.
let inFlight = 0;
let served = 0;

async function handle(req, work) {
  inFlight++;
  try {
    const result = await work(req);
    served += 1;
    return result;
  } finally {
    inFlight--;
  }
}

// A local total in a sequential loop is not shared.
async function sumAll(items) {
  let total = 0;
  for (const item of items) {
    total += await score(item);
  }
  return total;
}

// The delta is awaited first, then applied in one synchronous step.
let totalBytes = 0;

async function recordUpload(file) {
  const size = await measure(file);
  totalBytes += size;
}

// Saving and restoring a setting around an await writes back the saved value.
const settings = { strict: true };

async function lenient(run) {
  const saved = settings.strict;
  settings.strict = false;
  try {
    await run();
  } finally {
    settings.strict = saved;
  }
}

// Compare-and-set after the await.
let version = 0;

async function bump(save) {
  const seen = version;
  await save(seen + 1);
  if (version === seen) {
    version = seen + 1;
  }
}

// Serialised with a mutex.
const mutex = new Mutex();
const sessions = {};

async function getSession(id) {
  return mutex.runExclusive(async () => {
    if (!sessions[id]) {
      sessions[id] = await loadSession(id);
    }
    return sessions[id];
  });
}

// Refreshing an entry that exists is not get-or-create.
const fresh = new Map();

async function refreshEntry(key) {
  if (fresh.has(key)) {
    const value = await refresh(key);
    fresh.set(key, value);
  }
}

// Redis is external state (check-then-act covers it), not a Map.
async function touch(key) {
  const hits = Number(await redis.get(key));
  await redis.set(`${key}:seen`, String(hits));
}

// The write does not derive from a read made before the await.
class Job {
  constructor(fetchStatus) {
    this.status = "new";
    this.fetchStatus = fetchStatus;
  }

  async poll() {
    if (this.status === "done") return this.status;
    this.status = await this.fetchStatus();
    return this.status;
  }
}

module.exports = { handle, sumAll, recordUpload, lenient, bump, getSession, refreshEntry, touch, Job, stats: () => ({ inFlight, served, totalBytes }) };
