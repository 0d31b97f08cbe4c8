import { lstatSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import symlinkDir from "symlink-dir";

async function readManifest(dir: string): Promise<{ main: string }> {
  return JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
}

function fresh(link: string, maxAgeMs: number): boolean {
  try {
    return Date.now() - lstatSync(link).mtimeMs < maxAgeMs;
  } catch {
    return false;
  }
}

export async function prepareTool(cacheDir: string, build: (dir: string) => Promise<void>): Promise<string> {
  const current = path.join(cacheDir, "current");
  if (!fresh(current, 60_000)) {
    const dir = path.join(cacheDir, `${Date.now()}-${process.pid}`);
    await mkdir(dir, { recursive: true });
    await build(dir);
    await symlinkDir(dir, current, { overwrite: true });
  }
  const pkgDir = path.join(current, "pkg");
  const manifest = await readManifest(pkgDir); // expect: fs-check-then-use
  return path.join(pkgDir, manifest.main);
}
