import type { Writable } from "node:stream";

// Each element's promise only resolves, so the Promise.all cannot reject.
export class Fanout {
  pipes: Writable[] = [];

  async pipe(chunk: Buffer): Promise<void> {
    const write = (pipe: Writable) =>
      new Promise<void>((resolve) => {
        pipe.write(chunk, () => resolve());
      });
    await Promise.all(this.pipes.map(write));
  }

  flush(chunks: Buffer[]): void {
    for (const chunk of chunks) {
      this.pipe(chunk);
    }
  }
}
