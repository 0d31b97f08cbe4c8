import { findSettings } from "./memo";

type DB = any;

// The first read throws when the document is missing or not the caller's:
// the second runs only after it passed, so the order is the point.
async function getDocument(db: DB, id: string, userId: string) {
  const doc = await db.document.findUnique({ where: { id } });
  if (!doc || doc.ownerId !== userId) throw new Error("NOT_FOUND");
  return doc;
}

export async function share(db: DB, id: string, userId: string) {
  const doc = await getDocument(db, id, userId);
  const members = await db.member.findMany({ where: { teamId: userId } });
  return { doc, members };
}

// A memoized read is answered from memory after the first call.
export async function overview(db: DB, teamId: string) {
  const settings = await findSettings(db);
  const members = await db.member.findMany({ where: { teamId } });
  return { settings, members };
}

// Reads that only build the error of a failing path.
export async function move(db: DB, from: string, to: string, ok: boolean) {
  if (!ok) {
    const a = await db.team.findUnique({ where: { id: from } });
    const b = await db.team.findUnique({ where: { id: to } });
    throw new Error(`cannot move from ${a?.name} to ${b?.name}`);
  }
}
