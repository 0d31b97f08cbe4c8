import { db } from "./db";

// Revoking a token family: sessions created by a refresh between the list
// and the revoke are revoked as a family but never signed out.
export async function revokeFamily(adapter: any, familyId: string) {
  const tokens = await adapter.findMany({ model: "refreshToken", where: [{ field: "familyId", value: familyId }] });
  await adapter.updateMany({ // expect: check-then-act
    model: "refreshToken",
    where: [{ field: "familyId", value: familyId }],
    update: { revokedAt: new Date() },
  });
  for (const t of tokens) {
    await adapter.delete({ model: "session", where: [{ field: "id", value: t.sessionId }] });
  }
}

// Sending a digest of the pending notifications, then marking every
// pending one sent: one queued in between is never sent.
export async function sendDigest(userId: string, mailer: any) {
  const pending = await db.notification.findMany({ where: { userId, sentAt: null } });
  await mailer.send(userId, pending.map((n: any) => n.text));
  await db.notification.updateMany({ where: { userId, sentAt: null }, data: { sentAt: new Date() } }); // expect: check-then-act
}
