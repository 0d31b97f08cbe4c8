const axios = require("axios");
const { PDFDocument } = require("pdf-lib");

// The two downloads are independent requests; only the parse is in memory.
async function mergeRemote(urlA, urlB) {
  const a = await axios.get(urlA, { responseType: "arraybuffer" }); // expect: sequential-awaits
  const b = await axios.get(urlB, { responseType: "arraybuffer" });
  const doc = await PDFDocument.load(a.data);
  const other = await PDFDocument.load(b.data);
  return [doc, other];
}

module.exports = { mergeRemote };
