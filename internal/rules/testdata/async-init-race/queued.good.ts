// A caller that arrives while a restart is in flight has its callback
// queued, and every queued callback runs when the restart ends.
export class Tracker {
  private restarting = false;
  private pending: (() => void)[] = [];

  constructor(private readonly app: { stop(): void; start(): Promise<void> }) {}

  restart(onRestarted?: () => void): void {
    if (this.restarting) {
      if (onRestarted) {
        this.pending.push(onRestarted);
      }
      return;
    }
    this.restarting = true;
    if (onRestarted) {
      this.pending.push(onRestarted);
    }
    this.app.stop();
    this.app.start().finally(() => {
      this.restarting = false;
      const callbacks = this.pending;
      this.pending = [];
      callbacks.forEach((cb) => cb());
    });
  }
}
