const { db } = require("./db");

// A helper that checks a lookup and returns nothing: the caller's variable
// holds no read result.
async function touchSettings(userId, settings) {
  const found = await db.settings.findFirst({ where: { userId } });
  if (found) settings.seen = true;
  return settings;
}

async function saveSettings(userId, settings) {
  settings = await touchSettings(userId, settings);
  if (settings.seen) {
    await db.settings.update({ where: { userId }, data: { theme: settings.theme } });
  }
}

module.exports = { saveSettings };
