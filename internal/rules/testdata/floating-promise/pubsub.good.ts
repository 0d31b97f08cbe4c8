import { PubSub } from "graphql-subscriptions";

// graphql-subscriptions' in-memory PubSub emits synchronously and returns
// Promise.resolve(): publishing without awaiting loses nothing.
export class Events {
  private pubsub = new PubSub();

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }
}

export class Teams {
  constructor(private readonly events: Events, private readonly db: { insert(t: string): Promise<string> }) {}

  async create(title: string): Promise<string> {
    const id = await this.db.insert(title);
    this.events.publish("team/created", { id });
    return id;
  }
}
