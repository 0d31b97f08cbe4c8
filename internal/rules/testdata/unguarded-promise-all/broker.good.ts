import amqp, { ChannelModel } from "amqplib";
import { prisma } from "./db";

// Each batch holds one database write and a broker call: a message sent
// beside a write that failed is a notification, and no transaction could
// take the broker's call in.
export class Events {
  static connection: ChannelModel | null = null;

  static async init(url: string) {
    this.connection = await amqp.connect(url);
  }

  static async publish(id: string, payload: object) {
    if (!this.connection) return;
    const channel = await this.connection.createChannel();
    await channel.assertExchange(id, "fanout", { durable: false });
    channel.publish(id, "", Buffer.from(JSON.stringify(payload)));
  }
}

export async function renameChannel(id: string, name: string) {
  await Promise.all([
    prisma.channel.update({ where: { id }, data: { name } }),
    Events.publish(id, { event: "CHANNEL_UPDATE", name }),
  ]);
}
