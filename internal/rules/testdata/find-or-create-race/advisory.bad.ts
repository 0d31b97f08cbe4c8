import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The lock is keyed by the organisation, the lookup by the user: two calls
// for one user in different organisations do not wait for each other.
export async function saveSurvey(orgId: string, userId: string, answers: object) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${orgId}))`;
    const existing = await tx.survey.findFirst({ where: { userId } });
    if (existing) return existing;
    return tx.survey.create({ data: { userId, answers } }); // expect: find-or-create-race
  });
}

// The lock is taken outside the transaction that makes the insert: it
// ends with its own statement.
export async function registerWorker(name: string) {
  await prisma.$executeRaw`SELECT pg_advisory_xact_lock(42)`;
  await prisma.$transaction(async (tx) => {
    const existing = await tx.worker.findFirst({ where: { name } });
    if (!existing) {
      await tx.worker.create({ data: { name } }); // expect: find-or-create-race
    }
  });
}
