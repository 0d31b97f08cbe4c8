// Ticks of a timer that skip while one runs (or after stop): only one tick
// reads and advances the checkpoint at a time.
export class CostPoller {
  private running = false;
  private stopped = false;
  private checkpointMs = 0;

  constructor(
    private readonly fetchWindow: (from: number, to: number) => Promise<number[]>,
    private readonly ship: (rows: number[]) => Promise<void>,
  ) {}

  async tick(): Promise<void> {
    if (this.running || this.stopped) {
      return;
    }
    this.running = true;
    try {
      while (!this.stopped) {
        const start = this.checkpointMs;
        const end = start + 60_000;
        if (end > Date.now()) break;
        await this.ship(await this.fetchWindow(start, end));
        this.checkpointMs = end;
      }
    } finally {
      this.running = false;
    }
  }
}
