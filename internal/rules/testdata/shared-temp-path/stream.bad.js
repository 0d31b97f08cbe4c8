const fs = require("fs");
const path = require("path");

function convert(workDir, input, done) {
  const tmp = path.join(workDir, "convert.tmp");
  const out = fs.createWriteStream(tmp); // expect: shared-temp-path
  out.on("finish", () => {
    fs.rename(tmp, path.join(workDir, "converted.bin"), done);
  });
  input.pipe(out);
}

module.exports = { convert };
