import { appendFile } from "node:fs/promises";

type Entry = { seq: number; prev: string; body: string };

// Each write is chained onto the one before it and the chain is kept: the
// callbacks run one at a time, so the sequence is read and advanced by
// one write at a time.
export class AuditLog {
  private writeLock: Promise<unknown> = Promise.resolve();
  private last: Entry | null = null;

  constructor(private readonly file: string) {}

  write(body: string): Promise<Entry> {
    const result = this.writeLock.then(async () => {
      const seq = (this.last?.seq ?? 0) + 1;
      const entry = { seq, prev: this.last?.body ?? "", body };
      await appendFile(this.file, JSON.stringify(entry) + "\n");
      this.last = entry;
      return entry;
    });
    this.writeLock = result.catch(() => undefined);
    return result;
  }
}
