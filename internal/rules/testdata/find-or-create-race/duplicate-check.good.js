const Boom = require("@hapi/boom");
const { prisma } = require("./prisma");

async function register(email, name) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    return prisma.user.create({ data: { email, name } });
  } else {
    throw new Error("email already registered");
  }
}

module.exports = { register };

// A hapi handler returns a Boom error for the taken name.
async function createTeam(request, h) {
  const team = await prisma.team.findUnique({ where: { slug: request.payload.slug } });
  if (team) {
    return Boom.conflict("slug taken");
  }
  return h.response(await prisma.team.create({ data: { slug: request.payload.slug } })).code(201);
}

module.exports.createTeam = createTeam;
