import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// Appends to the tags the caller read.
export async function appendTag({ id, tags }: { id: string; tags: string[] }, tag: string) {
  await prisma.post.update({ where: { id }, data: { tags: [...tags, tag] } }); // expect: check-then-act
}

export async function tagPost(postId: string, tag: string) {
  const post = await prisma.post.findUnique({ where: { id: postId } });
  if (!post) throw new Error("no such post");
  await moderate(tag);
  await appendTag({ id: post.id, tags: post.tags }, tag);
}

async function moderate(tag: string) {
  const res = await fetch(`https://moderation.example.com/?q=${encodeURIComponent(tag)}`);
  if (!res.ok) throw new Error("rejected");
}
