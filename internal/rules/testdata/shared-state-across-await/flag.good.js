const dictionaries = new Map();
let fetching = false;

// One load at a time: a call that finds the flag set leaves, and the flag
// is set before the await and cleared only after the entry is filled.
async function dictionary(lang, load) {
  if (dictionaries.has(lang)) return dictionaries.get(lang);
  if (fetching) return null;
  try {
    fetching = true;
    const dict = await load(lang);
    dictionaries.set(lang, dict);
    return dict;
  } finally {
    fetching = false;
  }
}

module.exports = { dictionary };
