import { Mutex } from "async-mutex";
import Redlock from "redlock";
import Redis from "ioredis";

export type Account = { id: string; balance: number; mutex: Mutex };

export async function transfer(from: Account, to: Account, amount: number) {
  const releaseFrom = await from.mutex.acquire();
  const releaseTo = await to.mutex.acquire(); // expect: lock-order
  try {
    from.balance -= amount;
    to.balance += amount;
  } finally {
    releaseTo();
    releaseFrom();
  }
}

const redlock = new Redlock([new Redis()]);

export async function swapSeats(a: string, b: string, swap: () => Promise<void>) {
  await redlock.using([`seat:${a}`], 5000, async () => {
    await redlock.using([`seat:${b}`], 5000, async () => { // expect: lock-order
      await swap();
    });
  });
}

export class Ledger {
  private readonly journal = new Mutex();
  private readonly index = new Mutex();

  async append(entry: string, write: (e: string) => Promise<void>) {
    await this.journal.runExclusive(async () => {
      await this.index.runExclusive(async () => { // expect: lock-order
        await write(entry);
      });
    });
  }

  async reindex(rebuild: () => Promise<void>) {
    await this.index.runExclusive(async () => {
      await this.journal.runExclusive(async () => { // expect: lock-order
        await rebuild();
      });
    });
  }
}
