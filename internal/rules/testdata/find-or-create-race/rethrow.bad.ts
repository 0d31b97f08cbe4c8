import { Prisma } from "@prisma/client";
import { prisma } from "./prisma";
import { logger } from "./logger";

class StoreError extends Error {}

// The catch only turns every failure, the unique violation included, into
// another error: a double submit still fails.
export async function bookmark(userId: string, postId: string) {
  const existing = await prisma.bookmark.findFirst({ where: { userId, postId } });
  if (existing) return existing;
  try {
    return await prisma.bookmark.create({ data: { userId, postId } }); // expect: find-or-create-race
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError) {
      throw new StoreError(err.message);
    }
    throw err;
  }
}

// Logging and rethrowing handles nothing.
export async function follow(followerId: string, followeeId: string) {
  const edge = await prisma.follow.findFirst({ where: { followerId, followeeId } });
  if (!edge) {
    try {
      await prisma.follow.create({ data: { followerId, followeeId } }); // expect: find-or-create-race
    } catch (e) {
      logger.error(e);
      throw e;
    }
  }
}
