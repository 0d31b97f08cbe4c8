import Redlock from "redlock";
import Redis from "ioredis";

const redlock = new Redlock([new Redis()]);

export async function rebuild(tenant: string, steps: Array<() => Promise<void>>) {
  await redlock.using([`index:${tenant}`], 10_000, async (signal) => {
    for (const step of steps) {
      if (signal.aborted) throw signal.error;
      await step();
    }
  });
}

export async function download(url: string) {
  await redlock.using(["download"], 10_000, async (signal) => {
    const res = await fetch(url, { signal });
    await res.arrayBuffer();
  });
}

// One step: nothing between steps for a check to stop.
export async function touch(id: string, db: { touch(id: string): Promise<void> }) {
  await redlock.using([`touch:${id}`], 1_000, async () => {
    await db.touch(id);
  });
}

// Not Redlock.
const pool = { using: async (n: number, s: number, fn: () => Promise<void>) => fn() };
export async function other(work: Array<() => Promise<void>>) {
  await pool.using(1, 2, async () => {
    await work[0]();
    await work[1]();
  });
}
