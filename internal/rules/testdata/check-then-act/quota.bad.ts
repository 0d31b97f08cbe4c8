import { db } from "./db";

const MAX_PROJECTS = 3;

// Two requests both count two projects and both create a third.
export async function createProject(userId: string, name: string) {
  const owned = await db.project.count({ where: { ownerId: userId } });
  if (owned >= MAX_PROJECTS) {
    throw new Error("project limit reached");
  }
  return db.project.create({ data: { ownerId: userId, name } }); // expect: check-then-act
}

// The same with a listed length.
export async function addSeat(teamId: string, email: string, limit: number) {
  const seats = await db.seat.findMany({ where: { teamId } });
  if (seats.length < limit) {
    await db.seat.create({ data: { teamId, email } }); // expect: check-then-act
  }
}
