const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

async function createTeam(userId) {
  return prisma.team.create({ data: { ownerId: userId } });
}

// The claim is keyed by the project alone: one request removes the
// provisioned record, the other finds nothing to remove and stops.
async function confirmTransfer(projectId, userId) {
  const { count } = await prisma.provisionedProject.deleteMany({ where: { projectId } });
  if (!count) throw new Error("not provisioned, or already transferred");
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (project.ownerTeamId) throw new Error("already transferred");
  const team = await createTeam(userId);
  await prisma.project.update({ where: { id: projectId }, data: { ownerTeamId: team.id } });
}

module.exports = { confirmTransfer };
