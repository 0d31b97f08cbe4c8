import { Mutex } from "async-mutex";
import { db } from "./db";

const mutex = new Mutex();

// The check and the write sit in a helper that every caller runs inside
// the mutex: no second call can read the invite in between.
async function markUsed(token: string, userId: string) {
  const invite = await db.invite.findUnique({ where: { token } });
  if (!invite || invite.status !== "pending") {
    throw new Error("invite already used");
  }
  await db.membership.create({ data: { teamId: invite.teamId, userId } });
  await db.invite.update({ where: { token }, data: { status: "used" } });
}

export async function accept(token: string, userId: string) {
  await mutex.runExclusive(() => markUsed(token, userId));
}

export async function acceptAll(tokens: string[], userId: string) {
  await mutex.runExclusive(async () => {
    for (const t of tokens) {
      await markUsed(t, userId);
    }
  });
}
