const { createStorage } = require("unstorage");
const fsDriver = require("unstorage/drivers/fs");

// A client made by the library inside the function: the two removals go
// to different keys of the store.
async function forget(dir, userId, sessionId) {
  const storage = createStorage({ driver: fsDriver({ base: dir }) });
  await Promise.all([storage.removeItem(`user:${userId}`), storage.removeItem(`session:${sessionId}`)]);
}

module.exports = { forget };
