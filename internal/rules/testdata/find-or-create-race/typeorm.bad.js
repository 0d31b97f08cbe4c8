const { MemberEntity } = require("./entities/member");

// No key covers the note: two concurrent calls both add it.
async function addNote(dataSource, orgId, note) {
  const members = dataSource.getRepository(MemberEntity);
  const existing = await members.findOneBy({ orgId, note });
  if (existing) {
    throw new Error("note exists");
  }
  return members.save({ orgId, note }); // expect: find-or-create-race
}

module.exports = { addNote };
