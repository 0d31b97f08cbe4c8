const fs = require("fs/promises");
const path = require("path");
const tmp = require("tmp-promise");

async function convert(input) {
  const { path: file, cleanup } = await tmp.file({ postfix: ".png" });
  await fs.writeFile(file, input);
  const out = await fs.readFile(file);
  await cleanup();
  return out;
}

async function stamp(dir, body) {
  const file = path.join(dir, `upload-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await fs.writeFile(file, body);
  await fs.unlink(file);
}

module.exports = { convert, stamp };
