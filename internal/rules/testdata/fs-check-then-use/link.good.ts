import { lstatSync, realpathSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import symlinkDir from "symlink-dir";

async function readManifest(dir: string): Promise<{ main: string }> {
  return JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
}

function freshTarget(link: string, maxAgeMs: number): string | undefined {
  try {
    if (Date.now() - lstatSync(link).mtimeMs >= maxAgeMs) return undefined;
    return realpathSync(link);
  } catch {
    return undefined;
  }
}

// The link is resolved once; everything after uses the directory itself.
export async function prepareTool(cacheDir: string, build: (dir: string) => Promise<void>): Promise<string> {
  const current = path.join(cacheDir, "current");
  let dir = freshTarget(current, 60_000);
  if (!dir) {
    dir = path.join(cacheDir, `${Date.now()}-${process.pid}`);
    await mkdir(dir, { recursive: true });
    await build(dir);
    await symlinkDir(dir, current, { overwrite: true });
  }
  const manifest = await readManifest(dir);
  return path.join(dir, "bin", manifest.main);
}

// Told not to replace an existing link: the code does not re-point it.
export async function linkOnce(target: string, at: string): Promise<string> {
  await symlinkDir(target, at, { overwrite: false });
  const pkgDir = path.join(at, "pkg");
  return (await readManifest(pkgDir)).main;
}
