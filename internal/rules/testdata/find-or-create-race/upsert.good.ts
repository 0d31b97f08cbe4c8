import { Prisma } from "@prisma/client";
import { prisma } from "./prisma";

export async function ensureProfile(userId: string) {
  return prisma.profile.upsert({ where: { userId }, update: {}, create: { userId } });
}

// A serializable transaction makes one of two racing inserts fail.
export async function ensureSettings(userId: string) {
  return prisma.$transaction(
    async (tx) => {
      const found = await tx.settings.findFirst({ where: { userId } });
      if (found) return found;
      return tx.settings.create({ data: { userId } });
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.Serializable },
  );
}

// Mongo: findOneAndUpdate with upsert is atomic.
export async function counterFor(counters: any, name: string) {
  const existing = await counters.findOne({ name });
  if (existing) return existing;
  return counters.findOneAndUpdate({ name }, { $setOnInsert: { name, value: 0 } }, { upsert: true, new: true });
}

// Idempotency keys are idempotency-race's to report.
export async function remember(idempotencyKey: string, body: unknown) {
  const hit = await prisma.idempotencyRecord.findUnique({ where: { key: idempotencyKey } });
  if (!hit) {
    await prisma.idempotencyRecord.create({ data: { key: idempotencyKey, body: JSON.stringify(body) } });
  }
}
