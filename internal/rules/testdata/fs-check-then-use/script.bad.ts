import { existsSync } from "node:fs";
import { chmod, writeFile } from "node:fs/promises";

// A request installs a service script where none exists: the write races
// with a script another request installs in between. Making the script
// executable acts on the file this call just wrote, and is no second race.
export async function installScript(path: string, body: string): Promise<void> {
  if (existsSync(path)) throw new Error(`${path} exists`);
  await writeFile(path, body, { mode: 0o644 }); // expect: fs-check-then-use
  await chmod(path, 0o755);
}
