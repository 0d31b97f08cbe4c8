const { google } = require("googleapis");

const gmail = google.gmail("v1");

// Gmail refuses a second label of the same name; the helper returns the
// existing one when it does.
async function createLabel(userId, name) {
  try {
    const res = await gmail.users.labels.create({ userId, requestBody: { name } });
    return res.data;
  } catch (err) {
    if (String(err.message).includes("already exists")) {
      const list = await gmail.users.labels.list({ userId });
      return list.data.labels.find((l) => l.name === name);
    }
    throw err;
  }
}

async function getOrCreateLabel(userId, name) {
  const list = await gmail.users.labels.list({ userId });
  const found = list.data.labels.find((l) => l.name === name);
  if (found) return found;
  return createLabel(userId, name);
}

module.exports = { getOrCreateLabel };
