const { createStorage } = require("unstorage");
const fsDriver = require("unstorage/drivers/fs");

// The same key written and removed at once through the client.
async function reset(dir, key, value) {
  const storage = createStorage({ driver: fsDriver({ base: dir }) });
  await Promise.all([storage.setItem(key, value), storage.removeItem(key)]); // expect: unguarded-promise-all
}

module.exports = { reset };
