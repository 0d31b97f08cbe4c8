import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

declare function createTeam(userId: string): Promise<{ id: string }>;

// A project may have several grants, one per client: two requests with
// different clients each remove their own grant and both go on.
export async function redeemGrant(projectId: string, clientId: string, userId: string) {
  const claimed = await prisma.transferGrant.deleteMany({ where: { projectId, clientId } });
  if (claimed.count === 0) throw new Error("no grant");
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (project?.ownerTeamId) throw new Error("already transferred");
  const team = await createTeam(userId);
  await prisma.project.update({ where: { id: projectId }, data: { ownerTeamId: team.id } }); // expect: check-then-act
}

// The delete's count is never looked at: both requests go on.
export async function confirmTransfer(projectId: string, userId: string) {
  await prisma.provisionedProject.deleteMany({ where: { projectId } });
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (project?.ownerTeamId) throw new Error("already transferred");
  const team = await createTeam(userId);
  await prisma.project.update({ where: { id: projectId }, data: { ownerTeamId: team.id } }); // expect: check-then-act
}
