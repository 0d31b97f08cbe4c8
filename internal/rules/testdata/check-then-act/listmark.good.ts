import { db } from "./db";

// Marked first, then listed: what is handled is what was marked.
export async function revokeFamily(adapter: any, familyId: string) {
  await adapter.updateMany({
    model: "refreshToken",
    where: [{ field: "familyId", value: familyId }],
    update: { revokedAt: new Date() },
  });
  const tokens = await adapter.findMany({ model: "refreshToken", where: [{ field: "familyId", value: familyId }] });
  for (const t of tokens) {
    await adapter.delete({ model: "session", where: [{ field: "id", value: t.sessionId }] });
  }
}

// Marked by the ids that were listed.
export async function sendDigest(userId: string) {
  const pending = await db.notification.findMany({ where: { userId, sentAt: null } });
  await db.delivery.createMany({ data: pending.map((n: any) => ({ notificationId: n.id })) });
  await db.notification.updateMany({ where: { id: { in: pending.map((n: any) => n.id) } }, data: { sentAt: new Date() } });
}

// Only whether there were any decides: nothing listed is handled.
export async function closeIfOpen(userId: string) {
  const open = await db.ticket.findMany({ where: { userId, closed: false } });
  if (open.length === 0) return;
  await db.ticket.updateMany({ where: { userId, closed: false }, data: { closed: true } });
}

// Backed up before the delete: nothing else in the store depends on what
// was listed.
export async function purgeMembers(orgId: string, backup: (rows: unknown[]) => void) {
  const members = await db.member.findMany({ where: { orgId } });
  backup(members);
  await db.member.deleteMany({ where: { orgId } });
}

// Listed and moved in one transaction.
export async function adoptUploads(stagingId: string, docId: string) {
  await db.$transaction(async (tx: any) => {
    const uploads = await tx.upload.findMany({ where: { ownerRef: stagingId } });
    await tx.document.update({ where: { id: docId }, data: { size: uploads.length, files: uploads.map((u: any) => u.id) } });
    await tx.upload.updateMany({ where: { ownerRef: stagingId }, data: { ownerRef: docId } });
  });
}
