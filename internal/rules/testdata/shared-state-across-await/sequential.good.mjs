import { readFile } from "node:fs/promises";

// A script: each line is checked after the previous one is done, so no
// second call of check() runs while one waits.
let checked = 0;
const missing = new Set();

async function check(path) {
  const before = checked;
  const body = await readFile(path, "utf8").catch(() => null);
  if (body === null) {
    missing.add(path);
  }
  checked = before + 1;
}

async function* lines(file) {
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    yield line;
  }
}

for await (const path of lines(process.argv[2])) {
  await check(path);
}
console.log(checked, missing.size);
