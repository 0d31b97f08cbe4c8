const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();
const TRIAL_MS = 14 * 24 * 60 * 60 * 1000;

// Extending a trial that has run out: racing requests write the same end
// date, give or take.
async function renewTrial(userId) {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (user.trialEndsAt && user.trialEndsAt >= new Date()) return user.trialEndsAt;
  const trialEndsAt = new Date(Date.now() + TRIAL_MS);
  await prisma.user.update({ where: { id: userId }, data: { trialEndsAt } });
  return trialEndsAt;
}

module.exports = { renewTrial };
