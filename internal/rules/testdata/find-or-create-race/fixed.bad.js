const { prisma } = require("./prisma");

// A fixed part beside a per-call part: each user gets its own record, and
// two concurrent first calls of one user both miss it.
async function themeSetting(userId) {
  const saved = await prisma.config.findFirst({ where: { key: "theme", userId } });
  if (saved) return saved.value;
  return prisma.config.create({ data: { key: "theme", userId, value: "light" } }); // expect: find-or-create-race
}

module.exports = { themeSetting };
