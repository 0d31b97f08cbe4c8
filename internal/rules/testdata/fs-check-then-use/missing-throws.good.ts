import { createReadStream } from "node:fs";
import * as fs from "fs-extra";
import { promises as fsp } from "node:fs";

// The check only turns a missing file into a clearer error: a file removed
// between the check and the read makes the read fail instead, which the
// caller sees as the same rejection.
export async function readStream(fullPath: string) {
  if (!(await fs.pathExists(fullPath))) {
    throw new Error(`File not found: ${fullPath}`);
  }
  return createReadStream(fullPath);
}

export async function readManifest(file: string) {
  if (await fs.pathExists(file)) {
    return fs.readJSON(file);
  } else {
    throw new Error(`Cannot find ${file}`);
  }
}

// stat rejects on a missing path by itself.
export async function openAttachment(file: string) {
  if (await fsp.stat(file)) {
    return createReadStream(file);
  }
  return null;
}

export async function copyIn(source: string, target: string) {
  try {
    await fsp.access(source);
  } catch {
    throw new Error(`${source} does not exist`);
  }
  await fs.copy(source, target);
}
