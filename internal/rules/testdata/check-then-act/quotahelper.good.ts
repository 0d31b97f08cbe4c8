import { db } from "./db";

async function enforceFreeLimit(userId: string) {
  const owned = await db.workspace.count({ where: { plan: "FREE", ownerId: userId } });
  if (owned >= 2) throw new Error("limit");
}

// The insert is not one the helper counts: a paid workspace.
export async function createPaid(userId: string, name: string) {
  await enforceFreeLimit(userId);
  return db.workspace.create({ data: { name, plan: "PRO", ownerId: userId } });
}

// Counted and inserted for different owners.
export async function createForTeam(userId: string, teamOwner: string) {
  await enforceFreeLimit(userId);
  return db.workspace.create({ data: { plan: "FREE", ownerId: teamOwner } });
}

// The owner row is locked first, in the transaction that counts and
// inserts.
export async function createLocked(userId: string) {
  return db.$transaction(async (tx: any) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const owned = await tx.workspace.count({ where: { plan: "FREE", ownerId: userId } });
    if (owned >= 2) throw new Error("limit");
    return tx.workspace.create({ data: { plan: "FREE", ownerId: userId } });
  });
}
