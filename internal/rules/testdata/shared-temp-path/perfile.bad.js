const fsp = require("fs/promises");

// The same per-file name, renamed onto the file: two calls for one file
// in this process share the temporary name.
async function replaceHeader(file) {
  const tmpFile = `${file}.${process.pid}.tmp`;
  const body = await fsp.readFile(file, "utf8");
  await fsp.writeFile(tmpFile, "// header\n" + body); // expect: shared-temp-path
  await fsp.rename(tmpFile, file);
}

module.exports = { replaceHeader };
