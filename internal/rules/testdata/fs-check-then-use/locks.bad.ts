import { access, readFile } from "node:fs/promises";
import { Mutex } from "async-mutex";

const lock = new Mutex();

async function mutex<T>(fn: () => Promise<T>): Promise<T> {
  return fn();
}

// Named like a lock, but takes none.
export async function readStamp(stamp: string): Promise<string | null> {
  return mutex(async () => {
    try {
      await access(stamp);
    } catch {
      return null;
    }
    return readFile(stamp, "utf8"); // expect: fs-check-then-use
  });
}

// An in-process mutex: other processes still change the file in between.
export async function readShared(stamp: string): Promise<string | null> {
  return lock.runExclusive(async () => {
    try {
      await access(stamp);
    } catch {
      return null;
    }
    return readFile(stamp, "utf8"); // expect: fs-check-then-use
  });
}
