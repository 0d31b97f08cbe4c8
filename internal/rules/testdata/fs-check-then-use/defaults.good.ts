import * as fs from "node:fs";
import path from "node:path";

const DEFAULTS = { theme: "light", locale: "en" };
const configDir = process.env.CONFIG_DIR ?? path.join(process.cwd(), "config");

// Every process that finds the file missing writes the same bytes, so a
// process that got there first loses nothing.
export function ensureSettings(): string {
  const file = path.join(configDir, "settings.json");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify(DEFAULTS, null, 2));
  }
  return file;
}

// A copy of a template shipped with the code: the same content again.
export async function ensureDatabase(target: string): Promise<void> {
  if (!fs.existsSync(target)) {
    await fs.promises.copyFile(path.join(__dirname, "template.db"), target);
  }
}

// A constant marker.
export async function markReady(dir: string): Promise<void> {
  const marker = `${dir}/.ready`;
  if (!(await fs.promises.stat(marker).catch(() => null))) {
    await fs.promises.writeFile(marker, "ready\n");
  }
}
