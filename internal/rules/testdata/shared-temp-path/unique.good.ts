import { writeFile, rename, mkdtemp, readFile, rm } from "node:fs/promises";
import { randomUUID, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";

export async function saveSettings(dest: string, settings: object): Promise<void> {
  const tmp = `${dest}.${randomUUID()}.tmp`;
  await writeFile(tmp, JSON.stringify(settings));
  await rename(tmp, dest);
}

export async function saveBlob(dest: string, data: Buffer): Promise<void> {
  const tmp = `${dest}.${randomBytes(6).toString("hex")}`;
  await writeFile(tmp, data);
  await rename(tmp, dest);
}

let seq = 0;

export async function saveNumbered(dest: string, data: string): Promise<void> {
  const tmp = `${dest}.${process.pid}.${++seq}`;
  await writeFile(tmp, data);
  await rename(tmp, dest);
}

export async function exportReport(rows: unknown[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "export-"));
  const file = path.join(dir, "export.json");
  await writeFile(file, JSON.stringify(rows));
  const body = await readFile(file, "utf8");
  await rm(dir, { recursive: true, force: true });
  return body;
}

// Only written: an output file, not a temporary one.
export async function writeOutput(outDir: string, body: string): Promise<void> {
  await writeFile(path.join(outDir, "report.json"), body);
}

// Synchronous write and rename: no call of this process runs in between.
export function saveSync(dest: string, data: string): void {
  const tmp = dest + ".tmp";
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, dest);
}

// Per process and per thread, with nothing running in between.
export function storeBlob(file: string, data: Buffer): void {
  const tmp = `${file}${process.pid}${threadId}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

// Exclusive create: a second writer fails instead of clobbering.
export async function claim(dest: string): Promise<void> {
  const tmp = `${dest}.lock`;
  await writeFile(tmp, String(process.pid), { flag: "wx" });
  await rename(tmp, dest);
}

// A parameter-derived name read back but not renamed: nothing says callers share it.
export async function roundTrip(file: string, body: string): Promise<string> {
  const copy = file + ".copy";
  await writeFile(copy, body);
  return readFile(copy, "utf8");
}

// Named after each caller's file and the process, then linked back and
// removed, not renamed onto a shared destination: each file of the list
// gets its own temporary name.
export async function rewriteAll(files: string[]): Promise<void> {
  await Promise.all(files.map(rewriteOne));
}

async function rewriteOne(file: string): Promise<void> {
  const tmpFile = file + `.${process.pid}.tmp`;
  await writeFile(tmpFile, (await readFile(file, "utf8")).trim());
  await rm(file);
  await fs.promises.link(tmpFile, file);
  await rm(tmpFile);
}
