let cached = null;
let running = false;

async function loadOffline() {
  return { services: [] };
}

// A flag set before the first await on the way to the fetch: callers that
// come meanwhile take the offline copy (awaiting it on their way out) and
// never start a second fetch.
async function getDirectory() {
  if (cached) {
    return cached;
  }
  if (running) {
    return await loadOffline();
  }
  try {
    running = true;
    const res = await fetch("https://example.org/directory.json");
    cached = await res.json();
  } finally {
    running = false;
  }
  return cached;
}

module.exports = { getDirectory };
