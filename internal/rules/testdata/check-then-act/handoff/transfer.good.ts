import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

declare function createTeam(userId: string): Promise<{ id: string }>;

// The provisioned record is claimed first: a project has one, so of two
// requests confirming the same project only the one whose delete removed
// it gets past the count check to the owner read and write.
export async function confirmTransfer(projectId: string, clientId: string, userId: string) {
  const claimed = await prisma.provisionedProject.deleteMany({ where: { projectId, clientId } });
  if (claimed.count === 0) throw new Error("not provisioned, or already transferred");
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (!project) throw new Error("project not found");
  if (project.ownerTeamId) throw new Error("already transferred");
  const team = await createTeam(userId);
  await prisma.project.update({ where: { id: projectId }, data: { ownerTeamId: team.id } });
}
