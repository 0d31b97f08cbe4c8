const { prisma } = require("./prisma");

// map and includes: the tag names listed are searched for the new one.
async function addTag(postId, tag) {
  const tags = await prisma.tag.findMany({ where: { postId } });
  if (!tags.map((t) => t.name).includes(tag)) {
    await prisma.tag.create({ data: { postId, name: tag } }); // expect: find-or-create-race
  }
}

// filter(...).length: nothing matched, so the member is added.
async function join(teamId, userId) {
  const members = await prisma.member.findMany({ where: { teamId } });
  if (members.filter((m) => m.userId === userId).length === 0) {
    await prisma.member.create({ data: { teamId, userId } }); // expect: find-or-create-race
  }
}

module.exports = { addTag, join };
