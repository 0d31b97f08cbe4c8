// Fedify keeps inbox listeners in a map and awaits each one inside a
// try/catch that hands the error to onError or to the queue's retry: an
// async listener is not dropped, here or through the builder chain.
import { Accept, Follow } from "@fedify/fedify";
import { federation } from "./federation.ts";
import { db } from "./db.ts";

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    const actor = await follow.getActor(ctx);
    await db.follows.insert({ actor: actor?.id?.href });
  })
  .on(Accept, async (ctx, accept) => {
    await db.follows.update({ accepted: true, id: accept.id?.href });
  });
