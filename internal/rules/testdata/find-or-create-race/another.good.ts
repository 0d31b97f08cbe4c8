import { prisma } from "./prisma";

// A lookup by the session's id that, when it misses, starts a new session
// with an id the database generates: not the record it looked for.
export async function resumeSession(sessionId: string, userId: string) {
  const found = await prisma.session.findFirst({ where: { id: sessionId, userId } });
  if (found) return found;
  return prisma.session.create({ data: { userId, startedAt: new Date() } });
}
