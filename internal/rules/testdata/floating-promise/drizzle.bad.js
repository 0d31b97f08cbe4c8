const { drizzle } = require("drizzle-orm/node-postgres");
const { eq } = require("drizzle-orm");
const schema = require("./schema");

const db = drizzle(process.env.DATABASE_URL, { schema });

async function findOwner(teamId) {
  return db.query.members.findFirst({ where: eq(schema.members.teamId, teamId), with: { user: true } });
}

async function logOwner(teamId) {
  const owner = await findOwner(teamId);
  console.log(`team ${teamId} owned by ${owner.user.email}`);
}

function onTeamCreated(team) {
  logOwner(team.id); // expect: floating-promise
}

module.exports = { onTeamCreated };
