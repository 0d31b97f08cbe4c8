import { PubSub } from "@google-cloud/pubsub";

// A message broker's publish goes over the network and can reject.
export class Events {
  private pubsub = new PubSub();

  async publish(topic: string, data: Buffer): Promise<void> {
    await this.pubsub.topic(topic).publishMessage({ data });
  }
}

export class Teams {
  constructor(private readonly events: Events, private readonly db: { insert(t: string): Promise<string> }) {}

  async create(title: string): Promise<string> {
    const id = await this.db.insert(title);
    this.events.publish("team-created", Buffer.from(id)); // expect: floating-promise
    return id;
  }
}
