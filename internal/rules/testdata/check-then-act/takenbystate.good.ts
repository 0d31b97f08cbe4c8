import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The state carried by the update's own filter, with the count checked.
export async function takeInvite(email: string) {
  const invite = await prisma.invite.findFirst({ where: { email, status: "pending" } });
  if (!invite) return null;
  const { count } = await prisma.invite.updateMany({ where: { id: invite.id, status: "pending" }, data: { status: "accepted" } });
  if (count === 0) return null;
  await prisma.member.create({ data: { email, teamId: invite.teamId } });
  return invite;
}

// Found by a state that is not moved: the write changes other fields.
export async function rename(id: string, name: string) {
  const project = await prisma.project.findFirst({ where: { id, archived: false } });
  if (!project) throw new Error("not found");
  await prisma.project.update({ where: { id: project.id }, data: { name } });
}
