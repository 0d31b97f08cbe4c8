const { locks } = require("./locks");

async function syncBilling(userId, pushBilling) {
  await locks.acquire("billing", async () => {
    await locks.acquire("profile", async () => { // expect: lock-order
      await pushBilling(userId);
    });
  });
}

module.exports = { syncBilling };
