import { readFile } from "node:fs/promises";

let checked = 0;

async function check(path: string): Promise<void> {
  const before = checked;
  await readFile(path, "utf8");
  checked = before + 1; // expect: shared-state-across-await
}

// One caller awaits each check in turn; the other starts them all at once.
export async function checkInOrder(paths: string[]): Promise<void> {
  for (const p of paths) {
    await check(p);
  }
}

export async function checkAll(paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => check(p)));
}
