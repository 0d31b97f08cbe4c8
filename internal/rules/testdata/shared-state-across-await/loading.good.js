const { fetchProfile } = require("./remote");

const profiles = new Map();
const inFlight = new Map();

// The request in flight is found before the cache is even looked at.
async function profileOf(id) {
  if (inFlight.has(id)) return inFlight.get(id);
  const cached = profiles.get(id);
  if (cached) return cached;
  const request = fetchProfile(id);
  inFlight.set(id, request);
  try {
    const profile = await request;
    profiles.set(id, profile);
    return profile;
  } finally {
    inFlight.delete(id);
  }
}

module.exports = { profileOf };
