import { createClient } from "@supabase/supabase-js";
import { db } from "./kysely";

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// supabase-js upsert on the unique pair decides atomically.
export async function followTopic(userId: string, topic: string) {
  const { data: existing } = await supabase.from("follows").select("id").eq("user_id", userId).eq("topic", topic).maybeSingle();
  if (!existing) {
    await supabase.from("follows").upsert({ user_id: userId, topic }, { onConflict: "user_id,topic", ignoreDuplicates: true });
  }
}

// kysely: insert ... on conflict do nothing.
export async function claimHandle(handle: string, ownerId: string) {
  const row = await db.selectFrom("handles").select("id").where("handle", "=", handle).executeTakeFirst();
  if (row) return row;
  await db.insertInto("handles").values({ handle, owner_id: ownerId }).onConflict((oc) => oc.column("handle").doNothing()).execute();
}
