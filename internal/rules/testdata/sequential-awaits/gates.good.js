const memoize = require("memoizee");

// A memoized read is answered from memory after the first call.
const getPlans = memoize(async (db) => db.plans.findMany({}), { promise: true });

async function loadAccount(db, id) {
  const account = await db.accounts.findOne({ id });
  if (!account) throw new Error("account not found");
  return account;
}

async function billing(db, id) {
  const account = await loadAccount(db, id);
  const invoices = await db.invoices.findMany({ accountId: id });
  return { account, invoices };
}

async function pricing(db, id) {
  const plans = await getPlans(db);
  const usage = await db.usage.findMany({ accountId: id });
  return { plans, usage };
}

module.exports = { billing, pricing };
