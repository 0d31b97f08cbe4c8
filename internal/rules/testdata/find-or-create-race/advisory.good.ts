import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
const MIGRATION_LOCK_ID = 4215;

// Every run takes the same transaction-level advisory lock first: a second
// run waits for the first to commit, then finds the row it inserted.
export async function applyMigration(name: string, sql: string) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`;
    const applied = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM schema_migrations WHERE name = ${name}`;
    if (applied.length > 0) return;
    await tx.$executeRawUnsafe(sql);
    await tx.$executeRaw`INSERT INTO schema_migrations (name) VALUES (${name})`;
  });
}

// The lock is keyed by the user, as the lookup is.
export async function saveSurvey(userId: string, answers: object) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}))`;
    const existing = await tx.survey.findFirst({ where: { userId } });
    if (existing) return existing;
    return tx.survey.create({ data: { userId, answers } });
  });
}
