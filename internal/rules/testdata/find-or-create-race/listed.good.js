const { prisma } = require("./prisma");

// The create runs whether or not the search matched: the search only
// picks a value.
async function addTagAnyway(postId, tag) {
  const tags = await prisma.tag.findMany({ where: { postId } });
  const color = tags.some((t) => t.name === tag) ? "grey" : "blue";
  await prisma.tag.create({ data: { postId, name: tag, color } });
}

// The duplicate is handled: the unique violation means it exists.
async function addTagOnce(postId, tag) {
  const tags = await prisma.tag.findMany({ where: { postId } });
  if (tags.some((t) => t.name === tag)) return;
  try {
    await prisma.tag.create({ data: { postId, name: tag } });
  } catch (e) {
    if (e.code !== "P2002") throw e;
  }
}

module.exports = { addTagAnyway, addTagOnce };
