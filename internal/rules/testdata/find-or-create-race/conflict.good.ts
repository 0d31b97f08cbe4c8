import { PrismaClient, Prisma } from "@prisma/client";

const prisma = new PrismaClient();

// The create helper turns the unique violation of a racing twin into the
// record that twin created.
async function createTag(workspaceId: string, name: string) {
  try {
    return await prisma.tag.create({ data: { workspaceId, name } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return prisma.tag.findFirstOrThrow({ where: { workspaceId, name } });
    }
    throw err;
  }
}

export async function ensureTag(workspaceId: string, name: string) {
  const existing = await prisma.tag.findFirst({ where: { workspaceId, name } });
  if (existing) return existing;
  return createTag(workspaceId, name);
}
