import { warmUp, run, probe } from "./jobs";

// A limit checked before an await and counted after it: calls that pass the
// check together all start.
export class Pool {
  private active = 0;
  private admitted = 0;
  private readonly max = 4;
  private readonly syncing = new Set<string>();

  async start(job: string): Promise<boolean> {
    if (this.active >= this.max) {
      return false;
    }
    await warmUp(job);
    this.active++; // expect: shared-state-across-await
    try {
      await run(job);
    } finally {
      this.active--;
    }
    return true;
  }

  // Another counter changed before the await reserves nothing for this one.
  async admit(job: string): Promise<void> {
    if (this.active >= this.max) {
      return;
    }
    this.admitted++;
    await warmUp(job);
    this.active++; // expect: shared-state-across-await
  }

  // An in-flight marker added only after an await.
  async sync(id: string): Promise<void> {
    if (this.syncing.has(id)) {
      return;
    }
    await probe(id);
    this.syncing.add(id); // expect: shared-state-across-await
    try {
      await run(id);
    } finally {
      this.syncing.delete(id);
    }
  }
}

let used = 0;
const quota = 10;

export async function spend(job: string): Promise<void> {
  if (used < quota) {
    await probe(job);
    used += 1; // expect: shared-state-across-await
  }
}
