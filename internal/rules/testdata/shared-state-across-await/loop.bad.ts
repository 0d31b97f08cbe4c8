import { fetchTips, fetchBlock } from "./jobs";

// The next turn is scheduled before this one's awaits: a slow turn runs
// beside the next.
class Indexer {
  private readonly blocks = new Map<string, unknown>();

  start(): void {
    void this.run();
  }

  async run(): Promise<void> {
    setTimeout(() => this.run().catch(console.error), 1000);
    const tips = await fetchTips();
    for (const tip of tips) {
      if (!this.blocks.has(tip.hash)) {
        const block = await fetchBlock(tip.hash);
        this.blocks.set(tip.hash, block); // expect: shared-state-across-await
      }
    }
  }
}

const indexer = new Indexer();
indexer.start();

// An exported class: any module may call start() while a turn is
// running, so poll runs beside itself.
export class Refresher {
  private readonly seen = new Map<string, unknown>();

  constructor() {
    void this.poll();
  }

  start(): void {
    void this.poll();
  }

  async poll(): Promise<void> {
    try {
      for (const tip of await fetchTips()) {
        if (!this.seen.has(tip.hash)) {
          this.seen.set(tip.hash, await fetchBlock(tip.hash)); // expect: shared-state-across-await
        }
      }
    } catch (err) {
      console.error(err);
    }
    setTimeout(() => void this.poll(), 5000);
  }
}
