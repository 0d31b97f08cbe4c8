const { prisma } = require("./prisma");

const sessions = {};

// A miss creates a record: concurrent misses for one user each create a
// session row, and all but the last are orphaned.
async function sessionFor(userId) {
  if (!sessions[userId]) {
    sessions[userId] = await prisma.session.create({ data: { userId } }); // expect: shared-state-across-await
  }
  return sessions[userId];
}

module.exports = { sessionFor };
