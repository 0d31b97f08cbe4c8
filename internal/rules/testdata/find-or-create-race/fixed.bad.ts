import { prisma } from "./prisma";
import { TaskKind } from "./lib/constants";

// An enum member beside the caller's id: one record per owner, and two
// concurrent first calls of one owner both miss it.
export async function ownerTask(ownerId: string) {
  const task = await prisma.scheduledTask.findFirst({ where: { kind: TaskKind.Sync, ownerId } });
  if (!task) {
    await prisma.scheduledTask.create({ data: { kind: TaskKind.Sync, ownerId } }); // expect: find-or-create-race
  }
}

// A local constant initialised from the call's input is not fixed.
export async function slugRecord(title: string) {
  const slug = title.toLowerCase();
  const found = await prisma.slug.findFirst({ where: { slug } });
  if (found) return found;
  return prisma.slug.create({ data: { slug } }); // expect: find-or-create-race
}
