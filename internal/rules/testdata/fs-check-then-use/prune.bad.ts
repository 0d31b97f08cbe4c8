import { promises as fsp, type Stats } from "node:fs";
import * as fs from "node:fs";
import path from "node:path";

async function statOrMissing(p: string): Promise<Stats | "missing"> {
  try {
    return await fsp.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw err;
  }
}

// Two prunes running at once: the loser's rm fails with ENOENT.
export async function pruneEntries(root: string, names: string[], maxAgeMs: number): Promise<void> {
  await Promise.all(names.map(async (name) => {
    const entryDir = path.join(root, name);
    const marker = path.join(entryDir, "ready");
    let expired = false;
    const info = await statOrMissing(marker);
    expired = info !== "missing" && Date.now() - info.mtimeMs > maxAgeMs;
    if (expired) {
      await fsp.rm(entryDir, { recursive: true }); // expect: fs-check-then-use
    }
  }));
}

export async function moveWhenPresent(from: string, to: string): Promise<void> {
  if (await statOrMissing(from) !== "missing") {
    return new Promise((resolve, reject) => {
      fs.rename(from, to, (err) => (err ? reject(err) : resolve())); // expect: fs-check-then-use
    });
  }
}

const CACHE_DIR = path.join(process.env.HOME ?? "/var/lib", ".cache", "thumbs");

// Every worker process starting at once: all but the first crash with EEXIST.
export function ensureCacheDir(): string {
  if (!fs.existsSync(CACHE_DIR)) {
    fs.mkdirSync(CACHE_DIR); // expect: fs-check-then-use
  }
  return CACHE_DIR;
}
