import { createClient } from "redis";
import { randomUUID } from "node:crypto";

const client = createClient();

export class Lease {
  private readonly token = randomUUID();

  constructor(private readonly resource: string) {}

  async take(): Promise<boolean> {
    return (await client.set(`lease:${this.resource}`, this.token, { NX: true, PX: 30000 })) === "OK";
  }

  async renew(): Promise<void> {
    await client.set(`lease:${this.resource}`, this.token, { PX: 30000 }); // expect: redis-lock-unsafe-extend
  }

  async touch(): Promise<void> {
    await client.multi().pExpire(`lease:${this.resource}`, 30000).exec(); // expect: redis-lock-unsafe-extend
  }
}
