import { db } from "./db";

const MAX_PROJECTS = 3;

// The owner row is locked first, so counts and inserts for one owner run
// one at a time.
export async function createProject(userId: string, name: string) {
  return db.$transaction(async (tx: any) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const owned = await tx.project.count({ where: { ownerId: userId } });
    if (owned >= MAX_PROJECTS) throw new Error("project limit reached");
    return tx.project.create({ data: { ownerId: userId, name } });
  });
}

// The new record is not one the count counts.
export async function archiveCopy(userId: string, name: string) {
  const owned = await db.project.count({ where: { ownerId: userId } });
  if (owned >= MAX_PROJECTS) throw new Error("limit");
  return db.project.create({ data: { ownerId: "archive", name } });
}

// Serializable: the database aborts one of two racing transactions.
export async function addSeat(teamId: string, email: string, limit: number) {
  await db.$transaction(async (tx: any) => {
    const seats = await tx.seat.findMany({ where: { teamId } });
    if (seats.length >= limit) throw new Error("no seats left");
    await tx.seat.create({ data: { teamId, email } });
  }, { isolationLevel: "Serializable" });
}
