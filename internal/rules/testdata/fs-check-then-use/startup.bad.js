const fs = require("fs");
const path = require("path");

const uploads = path.join(__dirname, "uploads");
if (!fs.existsSync(uploads)) fs.mkdirSync(uploads); // expect: fs-check-then-use

module.exports = { uploads };
