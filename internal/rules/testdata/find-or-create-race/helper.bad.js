const { prisma } = require("./prisma");

// An early return keeps the helper quiet when nothing was found; it
// throws otherwise.
async function ensureNewEmail(email) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) return;
  throw new Error("email already registered");
}

async function register(email, name) {
  await ensureNewEmail(email);
  return prisma.user.create({ data: { email, name } }); // expect: find-or-create-race
}

module.exports = { register };
