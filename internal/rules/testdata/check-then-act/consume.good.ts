import { db } from "./db";

// Consumed atomically: the delete's count decides.
export async function exchangeCode(code: string) {
  const grant = await db.loginCode.findUnique({ where: { code } });
  if (!grant) throw new Error("invalid code");
  const { count } = await db.loginCode.deleteMany({ where: { code } });
  if (count === 0) throw new Error("code already used");
  return db.session.create({ data: { accountId: grant.accountId } });
}

// The claim carries its condition and checks the affected count.
export async function acceptInvite(token: string, userId: string) {
  const invite = await db.invite.findUnique({ where: { token } });
  if (!invite || invite.status !== "pending") throw new Error("used");
  const res = await db.invite.updateMany({ where: { token, status: "pending" }, data: { status: "used" } });
  if (res.count !== 1) throw new Error("used");
  await db.membership.create({ data: { teamId: invite.teamId, userId } });
}

// Logging out: deleting the session twice loses nothing and grants nothing.
export async function logout(store: any, token: string) {
  const session = await store.findSession(token);
  if (!session) return;
  await store.deleteSession(token);
}

// Marking a record with a constant when nothing else is decided by the
// check converges.
export async function archive(id: string) {
  const doc = await db.doc.findUnique({ where: { id } });
  if (doc.status !== "draft") return;
  await db.doc.update({ where: { id }, data: { status: "archived" } });
}

// Inside a transaction that locks the row first.
export async function claim(trx: any, id: string) {
  await db.$transaction(async (tx: any) => {
    const [job] = await tx.$queryRaw`SELECT * FROM jobs WHERE id = ${id} FOR UPDATE`;
    if (job.state !== "pending") return;
    await tx.job.update({ where: { id }, data: { state: "running" } });
    await tx.delivery.create({ data: { jobId: id } });
  });
}

// An expiry check followed by a new expiry: racing requests both push it
// into the future.
export async function reuseCode(store: any, id: string, ttl: number) {
  const code = await store.findLoginCode(id);
  if (!code || code.expiresAt < new Date()) return null;
  await store.updateLoginCodeByIdentifier(id, { expiresAt: addSeconds(ttl) });
  return code.value;
}

function addSeconds(s: number) {
  return new Date(Date.now() + s * 1000);
}

// A compensating delete on the path where the lookup found nothing.
export async function addMember(store: any, email: string, orgId: string) {
  const existing = await store.findMemberByEmail({ email, orgId });
  if (existing) return existing;
  const created = await store.upsertMember({ email, orgId });
  try {
    await store.createAuditEntry({ orgId, memberId: created.id });
  } catch (err) {
    await store.deleteMember({ memberId: created.id, orgId });
    throw err;
  }
}

// Deleting a record found to exist (and to belong to the caller), then
// writing an audit entry: a second delete loses nothing.
export async function deleteKey(store: any, keyId: string, userId: string) {
  const key = await store.findApiKey(keyId);
  if (!key || key.ownerId !== userId) throw new Error("not found");
  await store.deleteApiKey(keyId);
  await store.createAuditEntry({ action: "key.delete", keyId, name: key.name });
}

// A Prisma delete throws when the challenge is already gone, and it runs
// before the session is created: of two requests, the second fails there.
export async function redeemChallenge(prisma: any, id: string, userId: string) {
  const challenge = await prisma.twoFactorChallenge.findUnique({ where: { id } });
  if (!challenge || challenge.expiresAt < new Date()) throw new Error("expired");
  await prisma.twoFactorChallenge.delete({ where: { id } });
  return prisma.session.create({ data: { userId } });
}

// The effect comes first, but in the transaction whose delete throws for
// the second request: its membership is rolled back with it.
export async function acceptInvite(prisma: any, inviteId: string, userId: string) {
  await prisma.$transaction(async (tx: any) => {
    const invite = await tx.invite.findUnique({ where: { id: inviteId } });
    if (!invite || invite.expiresAt < new Date()) throw new Error("invalid invite");
    await tx.membership.create({ data: { userId, teamId: invite.teamId } });
    await tx.invite.delete({ where: { id: inviteId } });
  });
}

// The delete's result is kept in a variable declared before it, and only
// the request whose delete removed the challenge opens a session.
export async function redeemChallenge(id: string, userId: string) {
  const challenge = await db.twoFactorChallenge.findUnique({ where: { id } });
  if (!challenge || challenge.expiresAt < new Date()) throw new Error("expired");
  let removed: { count: number };
  try {
    removed = await db.twoFactorChallenge.deleteMany({ where: { id } });
  } catch {
    throw new Error("database error");
  }
  if (removed.count === 1) {
    await db.session.create({ data: { userId } });
  }
}
