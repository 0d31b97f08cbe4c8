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
