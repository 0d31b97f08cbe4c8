import { prisma } from "./db";

// Spread into the array, the decrements are awaited with the update.
export async function leaveAll(userId: string, channelIds: string[]) {
  const counts = channelIds.map((id) => prisma.channel.update({ where: { id }, data: { members: { decrement: 1 } } }));
  const memberships = prisma.membership.updateMany({ where: { userId }, data: { active: false } });
  return Promise.all([...counts, memberships]); // expect: unguarded-promise-all
}
