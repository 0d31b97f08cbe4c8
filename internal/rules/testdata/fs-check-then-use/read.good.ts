import { open, readFile } from "node:fs/promises";

export async function readOptionalJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

export async function createExclusive(file: string, body: string) {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(body);
  } finally {
    await handle.close();
  }
}
