import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The end date comes from the request: two racing requests with different
// dates both pass the check, and the later write wins.
export async function scheduleBoost(tenantId: string, until: string) {
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  if (tenant.boostExpiresAt) {
    throw new Error("a boost is already scheduled");
  }
  const expiresAt = new Date(until);
  await prisma.tenant.update({ where: { id: tenantId }, data: { boostExpiresAt: expiresAt } }); // expect: check-then-act
}
