const { fetchProfile } = require("./remote");

const profiles = new Map();
const inFlight = new Map();

// The in-flight entry is only made after the await: two calls both miss.
async function profileOf(id) {
  const pending = inFlight.get(id);
  if (pending) return pending;
  const cached = profiles.get(id);
  if (cached) return cached;
  const profile = await fetchProfile(id);
  inFlight.set(id, Promise.resolve(profile)); // expect: shared-state-across-await
  profiles.set(id, profile); // expect: shared-state-across-await
  inFlight.delete(id);
  return profile;
}

module.exports = { profileOf };
