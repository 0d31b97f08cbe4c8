import type { Payload } from "payload";
import { Pool, PoolClient } from "pg";
import { PrismaClient } from "@prisma/client";

type Member = { id: string; tags: string[]; devices: { id: string }[]; visits: number };

const pool = new Pool();
const prisma = new PrismaClient();

// The helper appends with an atomic SQL expression: no copy is written back.
export async function tagAtomically(client: PoolClient, member: Member, tag: string) {
  await client.query("UPDATE members SET tags = array_append(tags, $1), visits = visits + 1 WHERE id = $2", [tag, member.id]);
}

// The helper reads the member again before changing it.
export async function tagFresh(payload: Payload, member: Member, tag: string) {
  const fresh = await payload.findByID({ collection: "members", id: member.id });
  await payload.update({ collection: "members", id: member.id, data: { tags: [...fresh.tags, tag] } });
}

// The written value does not come from the old one.
export async function resetDevices({ member, payload }: { member: Member; payload: Payload }) {
  member.devices = [];
  await payload.update({ collection: "members", id: member.id, data: { devices: member.devices, seenAt: new Date() } });
}

// The helper writes only if the stored list is still the one it was given.
export async function tagIfUnchanged(member: Member, tag: string) {
  await pool.query("UPDATE members SET tags = $1 WHERE id = $2 AND tags = $3", [[...member.tags, tag], member.id, member.tags]);
}

export async function onTagged(payload: Payload, memberId: string, tag: string, other: Member) {
  const member = await payload.findByID({ collection: "members", id: memberId });
  await notify(memberId);
  const client = await pool.connect();
  await tagAtomically(client, member, tag);
  await tagFresh(payload, member, tag);
  await resetDevices({ member, payload });
  await tagIfUnchanged(member, tag);
  // A record the caller did not read.
  await tagFresh(payload, other, tag);
  client.release();
}

async function notify(id: string) {
  return fetch(`https://hooks.example.com/${id}`);
}

// The tags come from the request, not from the copy the caller read.
export async function storeTags({ id, tags }: { id: string; tags: string[] }) {
  await prisma.post.update({ where: { id }, data: { tags: tags.map((t) => t.trim()) } });
}

export async function retag(postId: string, body: { tags: string[] }) {
  const post = await prisma.post.findUnique({ where: { id: postId } });
  await notify(postId);
  await storeTags({ id: post!.id, tags: body.tags });
}
