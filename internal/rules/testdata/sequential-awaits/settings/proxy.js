const settings = require("./settings");

// Two lookups by key save a single cheap round trip.
async function proxyConfig() {
  const url = await settings.get("proxyUrl");
  const enabled = await settings.get("proxyEnabled");
  return enabled ? url : null;
}

// Three save two.
async function smtpConfig() {
  const host = await settings.get("smtpHost"); // expect: sequential-awaits
  const port = await settings.get("smtpPort");
  const user = await settings.get("smtpUser");
  return { host, port, user };
}

module.exports = { proxyConfig, smtpConfig };
