import { renameSync, writeFileSync } from "node:fs";

// Written and renamed with no interleaving point between: in a process
// with one thread, no other call can run in between, and the pid keeps
// other processes' files apart.
export function saveSettings(file: string, data: object): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}
