// The same in JavaScript, with the test written the other way round.
let settings = { theme: "light" };
let ready = false;
let loading = false;

async function loadSettings(fetchOverrides) {
  if (!ready && !loading) {
    loading = true;
    const base = settings;
    const overrides = await fetchOverrides();
    settings = { ...base, ...overrides };
    ready = true;
    loading = false;
  }
  return settings;
}

module.exports = { loadSettings };
