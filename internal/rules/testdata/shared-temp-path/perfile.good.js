const fsp = require("fs/promises");

// Each file of the list is rewritten through a name made from that file
// and the process; the copy is linked back and removed, never renamed
// onto a destination another call writes.
async function updateHeader(file) {
  const tmpFile = `${file}.${process.pid}.tmp`;
  const body = await fsp.readFile(file, "utf8");
  await fsp.writeFile(tmpFile, "// header\n" + body);
  await fsp.unlink(file);
  await fsp.link(tmpFile, file);
  await fsp.unlink(tmpFile);
}

async function main(files) {
  await Promise.all(files.map(updateHeader));
}

module.exports = { main };
