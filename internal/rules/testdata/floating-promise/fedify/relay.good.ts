// A relay class reaches its federation through a field of Fedify's
// type, and a subclass adds a listener to the set its base class
// returns: Fedify awaits both listeners, as it does every inbox listener.
import type { Federation, FederationBuilder, InboxListenerSetters } from "@fedify/fedify";
import { Accept, Follow } from "@fedify/fedify";
import { db } from "./db.ts";

export abstract class BaseRelay {
  protected federation?: Federation<void>;

  constructor(private readonly builder: FederationBuilder<void>) {}

  async start(): Promise<void> {
    this.federation = await this.builder.build({});
    this.setupInboxListeners();
  }

  protected setupInboxListeners(): InboxListenerSetters<void> {
    if (this.federation == null) {
      throw new Error("federation first");
    }
    const listeners = this.federation.setInboxListeners("/users/{identifier}/inbox", "/inbox");
    listeners.on(Follow, async (ctx, follow) => {
      await db.follows.insert({ actor: follow.actorId?.href });
    });
    return listeners;
  }
}

export class LitePubRelay extends BaseRelay {
  protected override setupInboxListeners(): InboxListenerSetters<void> {
    return super.setupInboxListeners().on(Accept, async (ctx, accept) => {
      await db.follows.update({ accepted: true, id: accept.id?.href });
    });
  }
}
