const { db } = require("./db");

// A Prisma relation filter (the user's memberships) counted, and a create
// that adds a membership for that user: the new record is one the count
// counts, so two requests both pass the limit.
async function createFreeWorkspace(userId, name) {
  const owned = await db.workspace.count({ where: { plan: "FREE", members: { some: { userId, role: "ADMIN" } } } });
  if (owned >= 2) throw new Error("free workspace limit reached");
  return db.workspace.create({ // expect: check-then-act
    data: { name, plan: "FREE", members: { create: [{ userId, role: "ADMIN" }] } },
  });
}

// A limit on a listed length, compared the other way round.
async function addSeat(teamId, email, limit) {
  const seats = await db.seat.findMany({ where: { teamId } });
  if (limit > seats.length) {
    await db.seat.create({ data: { teamId, email } }); // expect: check-then-act
  }
}

module.exports = { createFreeWorkspace, addSeat };
