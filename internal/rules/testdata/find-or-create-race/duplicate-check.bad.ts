import { prisma } from "./prisma";

// The found branch throws, but nothing says the name is unique: two
// concurrent calls can both find nothing and both create.
export async function createProject(orgId: string, name: string) {
  const existing = await prisma.project.findFirst({ where: { orgId, name } });
  if (existing) {
    throw new Error("a project of that name exists");
  }
  return prisma.project.create({ data: { orgId, name } }); // expect: find-or-create-race
}
