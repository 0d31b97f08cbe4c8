import * as fs from "node:fs/promises";
import * as lockfile from "proper-lockfile";

async function clearUnpacked(dir: string): Promise<void> {
  for (const entry of [dir, `${dir}.partial`]) {
    await fs.rm(entry, { recursive: true, force: true });
  }
}

export async function unpackOnce(archive: string, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const release = await lockfile.lock(dir, { retries: 20 }); // expect: fs-check-then-use
  try {
    await clearUnpacked(dir);
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(archive, `${dir}/archive`);
  } finally {
    await release();
  }
  return dir;
}
