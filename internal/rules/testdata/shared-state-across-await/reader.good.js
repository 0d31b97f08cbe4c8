const { openDatabase } = require("./geo-db");

let readerPromise = null;

function getReader() {
  if (!readerPromise) readerPromise = openDatabase("asn.mmdb");
  return readerPromise;
}

const cache = {};

// Every caller awaits the same kept promise; the entry is then computed
// synchronously.
async function asnOf(ip) {
  if (!cache[ip]) {
    const reader = await getReader();
    cache[ip] = reader.asn(ip);
  }
  return cache[ip];
}

module.exports = { asnOf };
