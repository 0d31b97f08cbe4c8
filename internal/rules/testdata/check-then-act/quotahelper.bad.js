const { db } = require("./db");

async function checkSeatLimit(teamId, limit) {
  const used = await db.seat.count({ where: { teamId } });
  if (used >= limit) throw new Error("no seats left");
}

async function addSeat(teamId, email) {
  await checkSeatLimit(teamId, 5);
  await db.seat.create({ data: { teamId, email } }); // expect: check-then-act
}

module.exports = { addSeat };
