import Redis from "ioredis";

const redis = new Redis();

// The method of the object getClient returns writes when the client calls
// it, not when getClient runs: racing first calls build two
// interchangeable clients.
async function getClient(id: string) {
  const secret = await redis.get(`app:${id}:secret`);
  return {
    secret,
    async onRefresh(token: string) {
      await redis.set(`app:${id}:token`, token);
    },
  };
}

export class Mailbox {
  private client?: Awaited<ReturnType<typeof getClient>>;

  constructor(private readonly appId: string) {}

  async connect() {
    if (!this.client) {
      this.client = await getClient(this.appId);
    }
    return this.client;
  }
}
