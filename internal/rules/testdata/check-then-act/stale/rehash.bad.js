const { PrismaClient } = require("@prisma/client");
const { hashPassword, checkHash } = require("./crypto");

const prisma = new PrismaClient();

// Writes a new hash of the password when the caller's check found the stored
// hash outdated; a password change in between is overwritten.
async function upgradeHash(opts) {
  if (opts.verdict !== "outdated") {
    return;
  }
  const hash = await hashPassword(opts.password);
  await prisma.credential.update({ where: { id: opts.credentialId }, data: { hash } }); // expect: check-then-act
}

async function login(userId, password) {
  const credential = await prisma.credential.findUnique({ where: { userId } });
  if (!credential) return false;
  const verdict = await checkHash(credential.hash, password);
  await upgradeHash({ credentialId: credential.id, password, verdict });
  return verdict !== "bad";
}

module.exports = { login, upgradeHash };
