const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// Each write moves rows out of the filter it selects them by: run again
// after a partial failure, it finds only what is left and finishes.
async function mergePartners(sourceId, targetId) {
  await Promise.all([
    prisma.link.updateMany({ where: { partnerId: sourceId }, data: { partnerId: targetId } }),
    prisma.commission.updateMany({ where: { partnerId: sourceId }, data: { partnerId: targetId } }),
    prisma.payout.updateMany({ where: { partnerId: sourceId, status: "pending" }, data: { partnerId: targetId } }),
  ]);
}
module.exports = { mergePartners };
