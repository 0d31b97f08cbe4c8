import { mkdtemp, rename, rm } from "node:fs/promises";
import fse from "fs-extra";
import path from "node:path";

const CACHE = path.join(process.cwd(), ".cache");

export async function fillCache(key: string, download: (dir: string) => Promise<void>): Promise<string> {
  const dest = path.join(CACHE, key);
  if (await fse.pathExists(dest)) return dest;
  const tmp = await mkdtemp(path.join(CACHE, ".tmp-"));
  await download(tmp);
  try {
    await rename(tmp, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOTEMPTY") throw err;
    await rm(tmp, { recursive: true, force: true });
  }
  return dest;
}
