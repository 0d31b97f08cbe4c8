import type { Writable } from "node:stream";

// The promise each pipe gets rejects when the write fails, and flush drops
// the Promise.all over them.
export class Fanout {
  pipes: Writable[] = [];

  async pipe(chunk: Buffer): Promise<void> {
    const write = (pipe: Writable) =>
      new Promise<void>((resolve, reject) => {
        pipe.write(chunk, (err) => (err ? reject(err) : resolve()));
      });
    await Promise.all(this.pipes.map(write));
  }

  flush(chunks: Buffer[]): void {
    for (const chunk of chunks) {
      this.pipe(chunk); // expect: floating-promise
    }
  }
}
