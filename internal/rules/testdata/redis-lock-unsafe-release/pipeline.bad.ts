import { Redis } from "ioredis";

export class LockService {
  constructor(private readonly client: Redis, private readonly prefix = "app_lock:") {}

  async releaseAll(ownerId: string, keys: string[]): Promise<void> {
    const reads = this.client.pipeline();
    keys.forEach((key) => reads.get(key));
    const owners = await reads.exec();
    const deletes = this.client.pipeline();
    keys.forEach((key, i) => {
      if (owners?.[i]?.[1] === ownerId) {
        deletes.del(key); // expect: redis-lock-unsafe-release
      }
    });
    await deletes.exec();
  }

  async forceRelease(name: string) {
    await this.client.del(this.lockKey(name)); // expect: redis-lock-unsafe-release
  }

  private lockKey(name: string) {
    return `${this.prefix}${name}`;
  }
}
