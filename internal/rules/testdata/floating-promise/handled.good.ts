import { enqueueJob } from "./lib/jobs";
import type { InventoryClient } from "./lib/inventory";

declare function describe(name: string, fn: () => void): void;
declare function it(name: string, fn: () => Promise<void>): void;
declare function beforeEach(fn: () => Promise<void>): void;
declare function expect(v: unknown): { resolves: { toBe(v: unknown): Promise<void> } };

export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  private pending: Promise<string>[] = [];

  constructor(private readonly inventory: InventoryClient) {}

  start(): void {
    this.timer = setInterval(() => {
      void this.poll();
    }, 1000);
  }

  async poll(): Promise<void> {
    const id = await enqueueJob("poll", {});
    this.pending.push(enqueueJob("follow-up", { id }));
    await this.inventory.reserve(id, 1);
    this.inventory.available(id);
  }

  refresh(): Promise<string> {
    return enqueueJob("refresh", {});
  }

  async mutate(mutateAsync: (v: number, o: { onError: (e: Error) => void }) => Promise<void>) {
    await mutateAsync(1, { onError: (e) => console.error(e) });
  }
}

describe("jobs", () => {
  beforeEach(async () => {
    await enqueueJob("reset", {});
  });
  it("enqueues", async () => {
    await expect(enqueueJob("a", {})).resolves.toBe("ok");
  });
});
