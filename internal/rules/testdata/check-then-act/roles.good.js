const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// The check reads the requester's own membership; the write changes the
// target's, another record, picked by another user id.
async function changeRole(teamId, requesterId, targetId, role) {
  const me = await prisma.membership.findFirst({ where: { teamId, userId: requesterId } });
  if (!me || me.role !== "ADMIN") throw new Error("forbidden");
  if (requesterId === targetId) throw new Error("cannot change your own role");
  await prisma.membership.updateMany({ where: { teamId, userId: targetId }, data: { role: me.role === "ADMIN" ? role : "MEMBER" } });
}
module.exports = { changeRole };
