import * as fs from "node:fs/promises";
import path from "node:path";
import * as lockfile from "proper-lockfile";

async function clearUnpacked(dir: string): Promise<void> {
  for (const entry of [dir, `${dir}.partial`]) {
    await fs.rm(entry, { recursive: true, force: true });
  }
}

// The directory's whole life is under the lock; only its stable parent is
// created outside, and the lock does not resolve the directory first.
export async function unpackOnce(archive: string, dir: string): Promise<string> {
  await fs.mkdir(path.dirname(dir), { recursive: true });
  const release = await lockfile.lock(dir, { realpath: false, retries: 20 });
  try {
    await clearUnpacked(dir);
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(archive, `${dir}/archive`);
  } finally {
    await release();
  }
  return dir;
}

// Created before the lock but never removed under it.
export async function appendUnderLock(dir: string, line: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const release = await lockfile.lock(dir);
  try {
    await fs.appendFile(`${dir}/log`, line);
  } finally {
    await release();
  }
}
