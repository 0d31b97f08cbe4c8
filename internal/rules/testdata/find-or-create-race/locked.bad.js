const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// The lock is on the organisation, the lookup is per user: two calls for
// one user in different organisations do not wait for each other.
async function saveSignupSurvey(orgId, userId, answers) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId} FOR UPDATE`;
    const existing = await tx.survey.findFirst({ where: { userId } });
    if (existing) return existing;
    return tx.survey.create({ data: { userId, answers } }); // expect: find-or-create-race
  });
}

module.exports = { saveSignupSurvey };
