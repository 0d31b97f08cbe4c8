// A back-off that only waits on a timer of timers/promises, given no
// signal: the timer resolves after the delay and cannot reject.
import { setTimeout } from 'node:timers/promises';
import { EventEmitter } from 'node:events';

export class Q {
  private attempts = 0;
  constructor(private readonly bus: EventEmitter) {
    this.bus.on('error', async () => {
      this.reconnect();
    });
  }
  public async reconnect() {
    this.attempts++;
    const timeout = 2 ** this.attempts * 1000;
    await setTimeout(timeout);
  }
}
