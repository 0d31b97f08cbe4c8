const fs = require("fs");
const path = require("path");
const { minify } = require("terser");

// A one-shot command: the process waits for the callbacks before it
// exits, and a rejection ends the command with the error printed. Only
// the order of the log line changes.
async function compress(files) {
  files.forEach(async (file) => {
    const out = await minify(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(path.join("dist", path.basename(file)), out.code);
  });
  console.log("done");
}

compress(process.argv.slice(2));
