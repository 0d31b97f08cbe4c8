const inProgress = new Set();

// The await on the way from the check to the add lets a second call pass
// the check too.
async function update(id, load) {
  if (inProgress.has(id)) {
    return;
  }
  await load(id);
  inProgress.add(id); // expect: shared-state-across-await
  try {
    await load(id);
  } finally {
    inProgress.delete(id);
  }
}

module.exports = { update };

const tokens = {};

// The entry filled in the branch that returns claims nothing for the calls
// that go on to the fetch: they all miss and all fetch.
async function tokenFor(key, fetchToken) {
  const cached = tokens[key];
  if (cached && cached.expires > Date.now()) {
    return cached.token;
  }
  if (cached && cached.renewable) {
    tokens[key] = { token: cached.token, expires: Date.now() + 60000 };
    return cached.token;
  }
  const fresh = await fetchToken(key);
  tokens[key] = fresh; // expect: shared-state-across-await
  return fresh.token;
}

module.exports.tokenFor = tokenFor;

const attempts = new Map();

// No claim: two calls for one id read the same count before the await,
// and the second write loses the first's increment.
async function retry(id, run) {
  const n = attempts.get(id) || 0;
  try {
    await run();
  } catch (error) {
    attempts.set(id, n + 1); // expect: shared-state-across-await
  }
}

module.exports.retry = retry;

const expirations = new Map();

// The branch awaits and goes on: the write stores what was read before.
async function touch(sid, expires, refresh) {
  const exp = expirations.get(sid) || { real: 0 };
  exp.real = Math.max(exp.real, expires);
  if (exp.real <= Date.now()) await refresh(sid);
  expirations.set(sid, exp); // expect: shared-state-across-await
}

module.exports.touch = touch;
