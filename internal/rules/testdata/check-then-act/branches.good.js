const { db } = require("./db");

async function signIn(externalId, name, firstRun) {
  let user = await db.user.findFirst({ where: { externalId } });
  if (firstRun) {
    user = await db.user.findFirst({ where: { id: 1 } });
    if (!user) throw new Error("no admin");
    await db.user.update({ where: { id: 1 }, data: { externalId } });
  } else if (user && user.externalId === externalId) {
    await db.user.update({ where: { id: 1 }, data: { name } });
  }
}

module.exports = { signIn };
