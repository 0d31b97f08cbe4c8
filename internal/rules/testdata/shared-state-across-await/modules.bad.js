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

const renderers = {
  // Not a projection: the loader builds a new renderer on each call.
  pdf: () => import("./lazy/pdf").then((m) => new m.Renderer()),
};
const cache = new Map();

async function renderer(kind) {
  const hit = cache.get(kind);
  if (hit) return hit;
  const r = await renderers[kind]();
  cache.set(kind, r); // expect: shared-state-across-await
  return r;
}

module.exports.renderer = renderer;

let dictionary;

async function fetchDictionary(lang) {
  const res = await fetch("/dict/" + lang);
  return res.json();
}

// The other branch fetches a fresh value per call, not a module: a call
// that switched the language during the await has its dictionary
// overwritten.
async function useDictionary(lang) {
  const [d] = dictionary ? [dictionary] : await Promise.all([fetchDictionary(lang)]);
  dictionary = d; // expect: shared-state-across-await
  return dictionary;
}

module.exports.useDictionary = useDictionary;
