import { writeFile, rename, readFile, unlink } from "node:fs/promises";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";

export async function saveSettings(dest: string, settings: object): Promise<void> {
  const tmp = `${dest}.tmp`;
  await writeFile(tmp, JSON.stringify(settings)); // expect: shared-temp-path
  await rename(tmp, dest);
}

const EXPORT_FILE = path.join(os.tmpdir(), "export.json");

export async function exportReport(rows: unknown[]): Promise<string> {
  await writeFile(EXPORT_FILE, JSON.stringify(rows)); // expect: shared-temp-path
  const body = await readFile(EXPORT_FILE, "utf8");
  await unlink(EXPORT_FILE);
  return body;
}

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}${process.pid}`);
}

function writeBytes(dest: string, data: Buffer): void {
  fs.writeFileSync(dest, data);
}

export function storeBlob(file: string, data: Buffer): void {
  const tmp = tempNameFor(file);
  writeBytes(tmp, data); // expect: shared-temp-path
  fs.renameSync(tmp, file);
}
