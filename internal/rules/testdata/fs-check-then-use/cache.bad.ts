import { access, readFile, unlink } from "node:fs/promises";
import * as fse from "fs-extra";

export async function readCached(file: string): Promise<string | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  return readFile(file, "utf8"); // expect: fs-check-then-use
}

export async function evict(file: string) {
  if (await fse.pathExists(file)) {
    await unlink(file); // expect: fs-check-then-use
  }
}
