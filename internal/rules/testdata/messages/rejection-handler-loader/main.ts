import { readdirSync } from "node:fs";
import { join } from "node:path";

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

// Loads every module of the directory by a computed path: jobs.ts, which
// nothing imports by name, runs in this process.
export async function loadAll(dir: string): Promise<void> {
  for (const file of readdirSync(dir)) {
    await import(`file://${join(dir, file)}`);
  }
}

loadAll(__dirname).catch((err) => console.error(err));
