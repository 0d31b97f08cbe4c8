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

// force: true tolerates a path a concurrent prune removed first.
export async function pruneEntries(root: string, names: string[], maxAgeMs: number): Promise<void> {
  await Promise.all(names.map(async (name) => {
    const entryDir = path.join(root, name);
    const marker = path.join(entryDir, "ready");
    const info = await statOrMissing(marker);
    const expired = info !== "missing" && Date.now() - info.mtimeMs > maxAgeMs;
    if (expired) {
      await fsp.rm(entryDir, { recursive: true, force: true });
    }
  }));
}

// recursive: true succeeds when the directory exists already.
export function ensureCacheDir(dir: string): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
  }
}

// A directory named by the caller, checked and created synchronously: only
// another process could create it in between, and nothing says one shares it.
export function copyTree(src: string, dest: string): void {
  for (const entry of fs.readdirSync(src)) {
    const to = path.join(dest, entry);
    if (!fs.existsSync(to)) {
      fs.mkdirSync(to);
    }
  }
}

// The check is about a different path than the one removed.
export async function dropSibling(root: string): Promise<void> {
  const a = path.join(root, "a");
  const b = path.join(root, "b");
  if (await statOrMissing(a) !== "missing") {
    await fsp.rm(b, { recursive: true, force: true });
  }
}

// The executor's rename handles its own error.
export async function moveWhenPresent(from: string, to: string): Promise<void> {
  if (await statOrMissing(from) !== "missing") {
    return new Promise((resolve, reject) => {
      fs.rename(from, to, (err) => (err && err.code !== "ENOENT" ? reject(err) : resolve()));
    }).catch(() => undefined);
  }
}
