import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The user's row is locked first in the same transaction: a second call
// for the same user waits, then finds the survey the first one created.
export async function saveSignupSurvey(userId: string, answers: object) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const existing = await tx.survey.findFirst({ where: { userId } });
    if (existing) return existing;
    return tx.survey.create({ data: { userId, answers } });
  });
}
