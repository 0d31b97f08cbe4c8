import * as fs from "node:fs";

// Helpers named like existence checks that ask no file system: a map of
// uploads and a remote store. Their names decide nothing.
const uploads = new Map<string, Buffer>();

async function fileExists(key: string): Promise<boolean> {
  return uploads.has(key);
}

interface Bucket {
  head(key: string): Promise<boolean>;
}

async function isFile(bucket: Bucket, key: string): Promise<boolean> {
  try {
    return await bucket.head(key);
  } catch {
    return false;
  }
}

export async function spool(key: string, bucket: Bucket, target: string): Promise<void> {
  if (await fileExists(target)) {
    await fs.promises.writeFile(target, uploads.get(key) ?? "");
  }
  if (await isFile(bucket, target)) {
    await fs.promises.unlink(target);
  }
}
