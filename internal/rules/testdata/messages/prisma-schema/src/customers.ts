import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function ensureCustomer(email: string) {
  const found = await prisma.customer.findFirst({ where: { email } });
  if (found) return found;
  return prisma.customer.create({ data: { email } });
}

export async function recordFirstVisit(userId: string, path: string) {
  const seen = await prisma.visit.findFirst({ where: { userId, path } });
  if (!seen) {
    await prisma.visit.create({ data: { userId, path } });
  }
}
