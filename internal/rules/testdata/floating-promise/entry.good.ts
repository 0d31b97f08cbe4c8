// A worker script's entry: start() begins a loop that runs until the
// process is stopped, and the entry goes on to the scheduler. Awaited, a
// rejection of either would reach boot()'s promise, which the top level
// drops: the same unhandled rejection, and nothing after them exits or
// closes a client.
import Redis from "ioredis";

class Worker {
  private readonly redis = new Redis();

  async connect(): Promise<void> {
    await this.redis.ping();
  }

  async start(): Promise<void> {
    await this.redis.lpush("workers", String(process.pid));
  }
}

async function boot(): Promise<void> {
  const worker = new Worker();
  await worker.connect();
  worker.start();

  const scheduler = new Worker();
  await scheduler.connect();
  scheduler.start();

  console.log("started");
}

boot();
