const { MemberEntity } = require("./entities/member");

// The entity schema makes (orgId, userId) unique: a second join fails on
// the key, as the check meant it to.
async function join(dataSource, orgId, userId) {
  const members = dataSource.getRepository(MemberEntity);
  const existing = await members.findOneBy({ orgId, userId });
  if (existing) {
    throw new Error("already a member");
  }
  return members.save({ orgId, userId });
}

module.exports = { join };
