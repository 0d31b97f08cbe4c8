import { access, symlink, writeFile } from "node:fs/promises";

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

// The link is exclusive, but the marker written beside it is not: a
// marker that appeared in between is overwritten.
export async function linkCurrent(release: string, current: string, marker: string): Promise<void> {
  if (await exists(marker)) {
    throw new Error(`${marker} already exists`);
  }
  await symlink(release, current);
  await writeFile(marker, release); // expect: fs-check-then-use
}
