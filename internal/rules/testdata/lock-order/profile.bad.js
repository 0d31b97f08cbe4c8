const { locks } = require("./locks");

async function syncProfile(userId, pushProfile) {
  await locks.acquire("profile", async () => {
    await locks.acquire("billing", async () => { // expect: lock-order
      await pushProfile(userId);
    });
  });
}

module.exports = { syncProfile };
