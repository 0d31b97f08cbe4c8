const { PrismaClient } = require("@prisma/client");
const { getAuth } = require("firebase/auth");

const prisma = new PrismaClient();

// One client racecheck knows: its reads are independent.
async function counts(teamId) {
  const members = await prisma.member.count({ where: { teamId } }); // expect: sequential-awaits
  const invites = await prisma.invite.count({ where: { teamId } });
  return { members, invites };
}

// Two different library objects: neither call can see the other's state.
async function tokens(otherAuth) {
  const mine = await getAuth().currentUser.getIdToken(); // expect: sequential-awaits
  const theirs = await otherAuth.currentUser.getIdToken();
  return [mine, theirs];
}

module.exports = { counts, tokens };
