import { access, symlink } from "node:fs/promises";

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export async function linkCurrent(release: string, current: string): Promise<void> {
  if (await exists(current)) {
    throw new Error(`${current} already exists`);
  }
  await symlink(release, current);
}
