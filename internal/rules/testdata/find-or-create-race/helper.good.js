const { prisma } = require("./prisma");

// The helper's read is another helper's computed answer, not a lookup by
// the key: what it throws on is a conflict of patterns.
async function findOverlap(accountId, pattern) {
  const rules = await prisma.rule.findMany({ where: { accountId } });
  return rules.find((r) => pattern.startsWith(r.pattern)) || null;
}

async function assertNoOverlap(accountId, pattern) {
  const conflict = await findOverlap(accountId, pattern);
  if (conflict) throw new Error("overlaps " + conflict.pattern);
}

async function createRule(accountId, pattern) {
  await assertNoOverlap(accountId, pattern);
  return prisma.rule.create({ data: { accountId, pattern } });
}

module.exports = { createRule };
