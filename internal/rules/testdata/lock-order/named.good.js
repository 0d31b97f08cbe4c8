const AsyncLock = require("async-lock");

const locks = new AsyncLock();

// The same order everywhere.
async function syncProfile(userId, pushProfile) {
  await locks.acquire("billing", async () => {
    await locks.acquire("profile", async () => {
      await pushProfile(userId);
    });
  });
}

async function syncBilling(userId, pushBilling) {
  await locks.acquire("billing", async () => {
    await locks.acquire("profile", async () => {
      await pushBilling(userId);
    });
  });
}

// Taken one after the other, not nested.
async function both(userId, push) {
  await locks.acquire("profile", async () => push(userId));
  await locks.acquire("billing", async () => push(userId));
}

// A lock taken inside a timer callback is not held with the outer one.
async function later(userId, push) {
  await locks.acquire("profile", async () => {
    setTimeout(() => {
      locks.acquire("billing", async () => push(userId)).catch(() => {});
    }, 1000);
  });
}

module.exports = { syncProfile, syncBilling, both, later };
