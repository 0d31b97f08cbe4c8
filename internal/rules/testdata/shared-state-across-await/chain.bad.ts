import { appendFile } from "node:fs/promises";

// The chain is not kept: every write waits for the same settled promise,
// so the callbacks of concurrent writes interleave at the append.
export class LooseLog {
  private ready: Promise<unknown> = Promise.resolve();
  private seq = 0;

  constructor(private readonly file: string) {}

  write(body: string): Promise<void> {
    return this.ready.then(async () => {
      const next = this.seq + 1;
      await appendFile(this.file, `${next} ${body}\n`);
      this.seq = next; // expect: shared-state-across-await
    });
  }
}
