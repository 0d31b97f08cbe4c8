const channelsApi = require("./channels").default;

// The same reads from plain JavaScript: a failed query passed on by a
// catch that logs it is no check the next read waits for.
async function summary(key) {
  const count = await channelsApi.getCount(key); // expect: sequential-awaits
  const open = await channelsApi.getChannels(key, "open");
  return { count, open };
}

module.exports = { summary };
