import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const STATE_FILE = path.join(process.cwd(), "state.json");

export async function recordAll(events: { id: string }[]): Promise<void> {
  await Promise.all(events.map(async (event) => {
    const state = JSON.parse(await readFile(STATE_FILE, "utf8"));
    state.seen.push(event.id);
    await writeFile(STATE_FILE, JSON.stringify(state)); // expect: fs-check-then-use
  }));
}
