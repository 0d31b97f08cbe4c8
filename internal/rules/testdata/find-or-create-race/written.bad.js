const Member = require("./models/member");

// The lookup matches a list of owners; the create writes one of them.
async function join(userId, baseId, spaceId) {
  const count = await Member.count({ where: { userId, resourceId: [baseId, spaceId] } });
  if (count === 0) {
    await Member.create({ userId, resourceId: baseId }); // expect: find-or-create-race
  }
}

module.exports = { join };
