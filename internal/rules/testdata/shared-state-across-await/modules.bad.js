let total = 0;

async function fetchSize(url) {
  const res = await fetch(url, { method: "HEAD" });
  return Number(res.headers.get("content-length"));
}

// Not a shared value: each call adds its own size to the total it read
// before the request.
async function addSize(url) {
  total = total + (await fetchSize(url)); // expect: shared-state-across-await
  return total;
}

module.exports = { addSize };
