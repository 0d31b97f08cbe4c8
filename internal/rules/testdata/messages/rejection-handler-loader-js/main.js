const fs = require("fs");
const path = require("path");

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

// Requires every module of the directory by a computed path: jobs, which
// nothing requires by name, runs in this process.
for (const file of fs.readdirSync(__dirname)) {
  if (file !== "main.js") require(path.join(__dirname, file));
}
