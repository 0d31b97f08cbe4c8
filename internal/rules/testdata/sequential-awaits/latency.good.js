const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// Two lookups by key: running them together saves one cheap round trip.
async function pair(a, b) {
  const left = await prisma.user.findUnique({ where: { id: a } });
  const right = await prisma.team.findUnique({ where: { id: b } });
  return { left, right };
}

// An async helper that computes a value in memory costs nothing.
async function getHeader(rows) {
  return JSON.stringify(rows);
}

async function page(teamId) {
  const header = await getHeader([teamId]);
  const members = await prisma.member.findMany({ where: { teamId } });
  return { header, members };
}

module.exports = { pair, page };
