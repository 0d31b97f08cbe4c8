import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

const templates = new Map<string, string>();

// Concurrent misses for one template each read the same local file and
// store the same text: a repeated read, not a lost update.
export async function template(name: string): Promise<string> {
  let text = templates.get(name);
  if (!text) {
    text = await readFile(resolve("templates", `${name}.hbs`), "utf8");
    templates.set(name, text);
  }
  return text;
}
