import { access, readFile, writeFile } from "node:fs/promises";
import fse from "fs-extra";
import * as lockfile from "proper-lockfile";

// Every process takes the same file lock before the check.
export async function initOnce(dir: string, stamp: string): Promise<void> {
  const release = await lockfile.lock(dir);
  try {
    if (!(await fse.pathExists(stamp))) {
      await writeFile(stamp, String(Date.now()));
    }
  } finally {
    await release();
  }
}

async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const release = await lockfile.lock(dir, { retries: 10 });
  try {
    return await fn();
  } finally {
    await release();
  }
}

// A helper whose body takes the file lock runs the callback under it.
export async function readStamp(dir: string, stamp: string): Promise<string | null> {
  return withDirLock(dir, async () => {
    try {
      await access(stamp);
    } catch {
      return null;
    }
    return readFile(stamp, "utf8");
  });
}
