const { Mutex } = require("async-mutex");
const { db } = require("./db");

const mutex = new Mutex();

async function markUsed(token, userId) {
  const invite = await db.invite.findUnique({ where: { token } });
  if (!invite || invite.status !== "pending") {
    throw new Error("invite already used");
  }
  await db.membership.create({ data: { teamId: invite.teamId, userId } });
  await db.invite.update({ where: { token }, data: { status: "used" } }); // expect: check-then-act
}

async function accept(token, userId) {
  await mutex.runExclusive(() => markUsed(token, userId));
}

// This caller takes no lock: its call can interleave with the locked one.
async function acceptFromLink(token, userId) {
  await markUsed(token, userId);
}

module.exports = { accept, acceptFromLink };
