const fs = require("fs/promises");
const path = require("path");

function exportAll(outDir, reports) {
  const summary = path.join(outDir, "summary.txt");
  reports.forEach(async (report) => { // expect: async-iteration-callback
    const text = await report.render();
    await fs.writeFile(summary, text); // expect: fs-check-then-use
  });
}

module.exports = { exportAll };
