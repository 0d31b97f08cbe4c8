import { prisma } from "./prisma";

// The user's workspaces are listed and searched in memory for the name;
// two requests both miss it and both create it.
export async function createWorkspace(userId: string, name: string) {
  const existing = await prisma.workspace.findMany({
    where: { members: { some: { userId } } },
    select: { name: true },
  });
  if (existing.some((w) => w.name === name)) {
    throw new Error("a workspace with this name exists");
  }
  return prisma.workspace.create({ // expect: find-or-create-race
    data: { name, members: { create: [{ role: "ADMIN", userId }] } },
  });
}

// The same with find and a compound match, and a cast on the result.
export async function addLabel(projectId: string, name: string, color: string) {
  const labels = (await prisma.label.findMany({ where: { projectId } })) as { name: string; color: string }[];
  const found = labels.find((l) => l.name === name && l.color === color);
  if (!found) {
    await prisma.label.create({ data: { projectId, name, color } }); // expect: find-or-create-race
  }
}

// A count compared with a limit is a quota, not a lookup: check-then-act
// reports it, with a relation filter matched by the nested create.
export async function createFreeWorkspace(userId: string, name: string) {
  const owned = await prisma.workspace.count({ where: { plan: "FREE", members: { some: { userId } } } });
  if (owned >= 2) {
    throw new Error("free workspace limit reached");
  }
  return prisma.workspace.create({ // expect: check-then-act
    data: { name, plan: "FREE", members: { create: { role: "ADMIN", userId } } },
  });
}
