// The flag is cleared before the checkpoint is written: a second tick can
// start during the last await and read the old checkpoint.
export class LeakyPoller {
  private running = false;
  private checkpointMs = 0;

  constructor(private readonly ship: (from: number, to: number) => Promise<void>) {}

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const start = this.checkpointMs;
    const end = start + 60_000;
    await this.ship(start, end);
    this.running = false;
    await this.ship(end, end);
    this.checkpointMs = end; // expect: shared-state-across-await
  }
}
