// The same in JavaScript: the field holds what Fedify's factory made.
import { createFederation, Follow, MemoryKvStore } from "@fedify/fedify";
import { db } from "./db.ts";

export class Relay {
  constructor() {
    this.federation = createFederation({ kv: new MemoryKvStore() });
  }

  listen() {
    this.federation.setInboxListeners("/users/{identifier}/inbox", "/inbox").on(Follow, async (ctx, follow) => {
      await db.follows.insert({ actor: follow.actorId?.href });
    });
  }
}
