import { db } from "./db";

const MAX_FREE = 2;

// The limit is checked by a helper that throws; the caller inserts after
// it returned, and only calls it on the free plan.
async function enforceFreeLimit(userId: string) {
  const owned = await db.workspace.findMany({ where: { plan: "FREE", members: { some: { userId } } } });
  if (owned.length >= MAX_FREE) {
    throw new Error("free workspace limit reached");
  }
}

export async function createWorkspace(userId: string, name: string, plan: string) {
  if (plan === "FREE") await enforceFreeLimit(userId);
  return db.workspace.create({ data: { name, plan, members: { create: { userId } } } }); // expect: check-then-act
}
