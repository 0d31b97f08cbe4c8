import { prisma } from "./prisma";

// The search is for another field than the one created.
export async function rename(userId: string, name: string, other: string) {
  const existing = await prisma.workspace.findMany({ where: { ownerId: userId } });
  if (existing.some((w) => w.name === other)) throw new Error("taken");
  return prisma.workspace.create({ data: { ownerId: userId, name } });
}

// The new record is not one the list holds: another owner's.
export async function copyToArchive(userId: string, name: string) {
  const existing = await prisma.workspace.findMany({ where: { ownerId: userId } });
  if (existing.some((w) => w.name === name)) throw new Error("taken");
  return prisma.workspace.create({ data: { ownerId: "archive", name } });
}

// The search does not decide the create: it only logs.
export async function noisyCreate(userId: string, name: string) {
  const existing = await prisma.workspace.findMany({ where: { ownerId: userId } });
  if (existing.some((w) => w.name === name)) console.warn("duplicate name", name);
  return prisma.workspace.create({ data: { ownerId: userId, name } });
}

// The owner row is locked first in the same transaction.
export async function lockedCreate(userId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const existing = await tx.workspace.findMany({ where: { ownerId: userId } });
    if (existing.some((w) => w.name === name)) throw new Error("taken");
    return tx.workspace.create({ data: { ownerId: userId, name } });
  });
}

// The element's own fields on both sides: no lookup by a value.
export async function firstOfItsKind(userId: string, name: string) {
  const existing = await prisma.workspace.findMany({ where: { ownerId: userId } });
  if (existing.some((w) => w.name === w.slug)) throw new Error("odd");
  return prisma.workspace.create({ data: { ownerId: userId, name } });
}

// A relation filter that a new record cannot meet alone (every, none)
// makes no quota.
export async function createIfNoneArchived(userId: string, name: string) {
  const n = await prisma.workspace.count({ where: { members: { none: { userId } } } });
  if (n >= 5) throw new Error("too many");
  return prisma.workspace.create({ data: { name, members: { create: { userId } } } });
}
