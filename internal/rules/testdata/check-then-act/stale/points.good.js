const { Member } = require("./models");

// An atomic increment.
async function addPointsAtomically(member, points) {
  await member.increment("points", { by: points });
}

// A field replaced by a value the caller computed elsewhere.
async function setLevel(member, level) {
  member.level = level;
  await member.save();
}

// An array changed in place is not what save() writes from the copy.
async function addBadge(member, badge) {
  member.badges.push(badge);
  await member.save();
}

async function rewardVisit(memberId, visit) {
  const member = await Member.findByPk(memberId);
  await logVisit(visit);
  await addPointsAtomically(member, visit.points);
  await setLevel(member, visit.level);
  await addBadge(member, visit.badge);
}

async function logVisit(visit) {
  await fetch("https://log.example.com/visit/" + visit.id);
}

module.exports = { rewardVisit };
