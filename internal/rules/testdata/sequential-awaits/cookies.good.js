const { getCookie } = require("cookies-next");
const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// cookies-next reads the Cookie header of the request it is given.
async function listSessions(req, res, userId) {
  const token = await getCookie("session-token", { req, res });
  const theme = await getCookie("theme", { req, res });
  const sessions = await prisma.session.findMany({ where: { userId } });
  return { theme, sessions: sessions.map((s) => ({ ...s, current: s.token === token })) };
}

module.exports = { listSessions };
