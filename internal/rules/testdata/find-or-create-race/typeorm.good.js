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

// A repository made per organisation: the helper's lookup reads the
// organisation from this, which is the caller's this, so the key is
// (orgId, userId).
class OrgMembers {
  constructor(dataSource, orgId) {
    this.orgId = orgId;
    this.members = dataSource.getRepository(MemberEntity);
  }

  lookup(userId) {
    return this.members.findOneBy({ orgId: this.orgId, userId });
  }

  async join(userId) {
    if (await this.lookup(userId)) {
      throw new Error("already a member");
    }
    return this.members.insert({ orgId: this.orgId, userId });
  }
}

module.exports.OrgMembers = OrgMembers;
