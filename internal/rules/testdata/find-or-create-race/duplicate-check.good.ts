import { prisma } from "./prisma";

class ConflictError extends Error {}

// Not a find-or-create: an existing tag is an error. The lookup is by a
// unique key (findUnique), so the loser of a race fails on that key
// instead, which is what the check wanted.
export async function createTag(name: string) {
  const existing = await prisma.tag.findUnique({ where: { name } });
  if (existing) {
    throw new ConflictError(`tag ${name} exists`);
  }
  return prisma.tag.create({ data: { name } });
}
