import { mkdtemp, rename } from "node:fs/promises";
import fse from "fs-extra";
import path from "node:path";

const CACHE = path.join(process.cwd(), ".cache");

export async function fillCache(key: string, download: (dir: string) => Promise<void>): Promise<string> {
  const dest = path.join(CACHE, key);
  if (await fse.pathExists(dest)) return dest;
  const tmp = await mkdtemp(path.join(CACHE, ".tmp-"));
  await download(tmp);
  await rename(tmp, dest); // expect: fs-check-then-use
  return dest;
}
