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
  const sessionIds = tokens.map((t: any) => t.sessionId);
  await adapter.deleteMany({ model: "session", where: [{ field: "id", operator: "in", value: sessionIds }] });
}

// Queueing a delivery for each pending notification, then marking every
// pending one sent: one queued in between is never delivered.
export async function sendDigest(userId: string) {
  const pending = await db.notification.findMany({ where: { userId, sentAt: null } });
  await db.delivery.createMany({ data: pending.map((n: any) => ({ notificationId: n.id })) });
  await db.notification.updateMany({ where: { userId, sentAt: null }, data: { sentAt: new Date() } }); // expect: check-then-act
}
