import { fetchTips, fetchBlock } from "./jobs";

// The loop schedules its next turn when this one is done: it never runs
// beside itself, so no two turns fill the cache together.
class Indexer {
  private readonly blocks = new Map<string, unknown>();

  start(): void {
    void this.run();
  }

  async run(): Promise<void> {
    try {
      const tips = await fetchTips();
      for (const tip of tips) {
        if (!this.blocks.has(tip.hash)) {
          const block = await fetchBlock(tip.hash);
          this.blocks.set(tip.hash, block);
        }
      }
      setTimeout(this.run.bind(this), 10000);
    } catch (err) {
      console.error(err);
      setTimeout(() => this.run(), 30000);
    }
  }
}

const indexer = new Indexer();
indexer.start();

// A class that nothing exports, made once at start-up: its constructor
// runs once, and the loop it starts schedules its next turn at its end.
class Poller {
  private readonly seen = new Map<string, unknown>();

  constructor() {
    void this.poll();
  }

  async poll(): Promise<void> {
    try {
      for (const tip of await fetchTips()) {
        if (!this.seen.has(tip.hash)) {
          this.seen.set(tip.hash, await fetchBlock(tip.hash));
        }
      }
    } catch (err) {
      console.error(err);
    }
    setTimeout(() => void this.poll(), 5000);
  }
}

((): Poller => new Poller())();
