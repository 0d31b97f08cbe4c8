import { constants, existsSync } from "node:fs";
import fs from "node:fs/promises";

// The copy itself refuses to overwrite: the check only picks the message.
export async function importAsset(src: string, dest: string) {
  if (existsSync(dest)) throw new Error(`${dest} already exists`);
  await fs.copyFile(src, dest, constants.COPYFILE_EXCL);
}
