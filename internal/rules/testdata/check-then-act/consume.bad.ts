import { db } from "./db";

// A one-time login code: found, verified, deleted later. Two requests with
// the same code both find it before either deletes it, and both sign in.
export async function exchangeCode(store: any, code: string, verifier: string) {
  const grant = await store.findLoginCode(`login:${code}`);
  if (!grant || grant.expiresAt < new Date()) {
    throw new Error("invalid code");
  }
  const data = JSON.parse(grant.value);
  if (!(await checkVerifier(data.challenge, verifier))) {
    throw new Error("bad verifier");
  }
  await store.deleteLoginCodeByIdentifier(`login:${code}`); // expect: check-then-act
  const account = await store.findAccountById(data.accountId);
  return store.createSession(account.id);
}

// The same with a model: the invite is read as unused, the membership is
// created, and the invite is marked used with no condition in the write.
export async function acceptInvite(token: string, userId: string) {
  const invite = await db.invite.findUnique({ where: { token } });
  if (!invite || invite.status !== "pending") {
    throw new Error("invite already used");
  }
  await db.membership.create({ data: { teamId: invite.teamId, userId } });
  await db.invite.update({ where: { token }, data: { status: "used" } }); // expect: check-then-act
}

// A job claimed by reading its state first: two workers both see it
// pending and both run it.
export async function runJob(jobRepository: any, mailer: any, id: string) {
  const job = await jobRepository.findOne({ where: { id } });
  if (job.state !== "pending") return;
  await jobRepository.update({ id }, { state: "running" }); // expect: check-then-act
  await mailer.sendMail(job.payload);
  await db.delivery.create({ data: { jobId: id } });
}

async function checkVerifier(challenge: string, verifier: string) {
  return challenge === verifier;
}

// deleteMany does not fail when the code is already gone: both requests
// delete "it" and both get a session.
export async function redeemChallengeMany(prisma: any, id: string, userId: string) {
  const challenge = await prisma.twoFactorChallenge.findUnique({ where: { id } });
  if (!challenge || challenge.expiresAt < new Date()) throw new Error("expired");
  await prisma.twoFactorChallenge.deleteMany({ where: { id } }); // expect: check-then-act
  return prisma.session.create({ data: { userId } });
}

// The delete's result lands in a variable that nothing reads.
export async function redeemRecoveryCode(id: string, userId: string) {
  const code = await prisma.recoveryCode.findUnique({ where: { id } });
  if (!code || code.usedAt !== null) throw new Error("used");
  let removed: unknown;
  removed = await prisma.recoveryCode.deleteMany({ where: { id } }); // expect: check-then-act
  removed = undefined;
  return prisma.session.create({ data: { userId } });
}
