import { prisma } from "./db";

async function ensureTag(name: string) {
  const tag = await prisma.tag.findUnique({ where: { name } });
  if (tag) return tag;
  return prisma.tag.create({ data: { name } }); // expect: find-or-create-race
}

// Each element is a find-or-create: run again, the lookups find what the
// first run made and the batch is completed (the race inside each
// find-or-create is find-or-create-race's to report).
export async function tagPost(postId: string, names: string[]) {
  await prisma.post.update({ where: { id: postId }, data: { tagged: true } });
  return Promise.all(names.map((name) => ensureTag(name)));
}
