import { Mutex } from "async-mutex";

export type Account = { id: number; balance: number; mutex: Mutex };

// Ordered by a stable key.
export async function transfer(a: Account, b: Account, amount: number) {
  const [first, second] = a.id < b.id ? [a, b] : [b, a];
  const releaseFirst = await first.mutex.acquire();
  try {
    const releaseSecond = await second.mutex.acquire();
    try {
      a.balance -= amount;
      b.balance += amount;
    } finally {
      releaseSecond();
    }
  } finally {
    releaseFirst();
  }
}

// Parameters compared before locking: the caller's order does not matter.
export async function move(from: Account, to: Account, amount: number): Promise<void> {
  if (from.id > to.id) {
    return move2(to, from, -amount);
  }
  return move2(from, to, amount);
}

async function move2(low: Account, high: Account, amount: number) {
  if (low.id > high.id) throw new Error("unordered");
  const r1 = await low.mutex.acquire();
  const r2 = await high.mutex.acquire();
  try {
    low.balance -= amount;
    high.balance += amount;
  } finally {
    r2();
    r1();
  }
}

// One lock released before the next is taken: never nested.
export async function oneAtATime(a: Account, b: Account) {
  const ra = await a.mutex.acquire();
  a.balance += 1;
  ra();
  const rb = await b.mutex.acquire();
  b.balance += 1;
  rb();
}

// Different branches take different locks.
export async function either(a: Account, b: Account, useA: boolean) {
  if (useA) {
    const r = await a.mutex.acquire();
    r();
  } else {
    const r = await b.mutex.acquire();
    r();
  }
}

// A resource pool is not a lock.
export async function twoConnections(pool: { acquire(): Promise<{ release(): void }> }) {
  const c1 = await pool.acquire();
  const c2 = await pool.acquire();
  c2.release();
  c1.release();
}
