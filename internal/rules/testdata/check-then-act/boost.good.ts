import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
const BOOST_HOURS = 4;

// Starting a boost when none is active: racing requests both write
// now + 4 hours, the same moment give or take, whatever they read.
export async function startBoost(tenantId: string) {
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  if (tenant.boostExpiresAt && tenant.boostExpiresAt > new Date()) {
    throw new Error("a boost is already active");
  }
  const expiresAt = new Date(Date.now() + BOOST_HOURS * 60 * 60 * 1000);
  await prisma.tenant.update({ where: { id: tenantId }, data: { boostExpiresAt: expiresAt } });
  return expiresAt;
}
