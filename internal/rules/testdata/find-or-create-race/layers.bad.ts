import { createClient } from "@supabase/supabase-js";
import type { Payload } from "payload";
import { db } from "./kysely";

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// supabase-js: select ... eq, then insert when nothing came back.
export async function followTopic(userId: string, topic: string) {
  const { data: existing } = await supabase.from("follows").select("id").eq("user_id", userId).eq("topic", topic).maybeSingle();
  if (!existing) {
    await supabase.from("follows").insert({ user_id: userId, topic }); // expect: find-or-create-race
  }
}

// Payload Local API: find by a field, create when the page is empty.
export async function ensureAuthor(payload: Payload, email: string) {
  const found = await payload.find({ collection: "authors", where: { email: { equals: email } }, limit: 1 });
  if (found.docs.length > 0) return found.docs[0];
  return payload.create({ collection: "authors", data: { email } }); // expect: find-or-create-race
}

// kysely: selectFrom ... executeTakeFirst, then insertInto.
export async function claimHandle(handle: string, ownerId: string) {
  const row = await db.selectFrom("handles").select("id").where("handle", "=", handle).executeTakeFirst();
  if (row) throw new Error("taken");
  await db.insertInto("handles").values({ handle, owner_id: ownerId }).execute(); // expect: find-or-create-race
}

type TagInput = { tag?: { id: string; name: string }; name: string; workspaceId: string };

// The lookup is the fallback of a value the caller may pass, and the
// create's payload is held in a variable.
export async function tagFor(prisma: any, input: TagInput) {
  const tag = input.tag ?? (await prisma.tag.findFirst({ where: { name: input.name, workspaceId: input.workspaceId } }));
  if (tag) return tag;
  const data = { name: input.name, workspaceId: input.workspaceId };
  return prisma.tag.create({ data }); // expect: find-or-create-race
}
