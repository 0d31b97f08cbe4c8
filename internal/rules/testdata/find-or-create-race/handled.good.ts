import { Prisma } from "@prisma/client";
import { prisma } from "./prisma";

// The unique violation of a concurrent create is caught and the winner's
// row read back.
export async function labelFor(workspaceId: string, name: string) {
  const found = await prisma.label.findFirst({ where: { workspaceId, name } });
  if (found) return found;
  try {
    return await prisma.label.create({ data: { workspaceId, name } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return prisma.label.findFirstOrThrow({ where: { workspaceId, name } });
    }
    throw err;
  }
}

// Postgres: 23505 means another request created it first.
export async function enrol(db: any, courseId: string, studentId: string) {
  const { rows } = await db.query("SELECT id FROM enrolments WHERE course_id = $1 AND student_id = $2", [courseId, studentId]);
  if (rows.length > 0) return rows[0];
  try {
    await db.query("INSERT INTO enrolments (course_id, student_id) VALUES ($1, $2)", [courseId, studentId]);
  } catch (e: any) {
    if (e.code !== "23505") throw e;
  }
}

// MongoDB: E11000 duplicate key error.
export async function handleFor(handles: any, handle: string, ownerId: string) {
  const taken = await handles.findOne({ handle });
  if (taken) return taken;
  try {
    return await handles.insertOne({ handle, ownerId });
  } catch (e: any) {
    if (e?.code === 11000) return handles.findOne({ handle });
    throw e;
  }
}
