// The same in JavaScript, with the federation made here from a Deno
// registry specifier and its listener set kept in a variable.
import { createFederation, Follow, MemoryKvStore } from "jsr:@fedify/fedify@^1.5";
import { db } from "./db.ts";

const federation = createFederation({ kv: new MemoryKvStore() });
const inbox = federation.setInboxListeners("/users/{identifier}/inbox", "/inbox");

inbox.on(Follow, async (ctx, follow) => {
  const actor = await follow.getActor(ctx);
  await db.follows.insert({ actor: actor?.id?.href });
});
