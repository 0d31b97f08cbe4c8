const dictionaries = new Map<string, unknown>();
let fetching = false;

// The flag is set only after the await: calls that arrive in between all
// pass the test and all load.
export async function dictionary(lang: string, load: (l: string) => Promise<unknown>) {
  if (dictionaries.has(lang)) return dictionaries.get(lang);
  if (fetching) return null;
  const dict = await load(lang);
  fetching = true;
  dictionaries.set(lang, dict); // expect: shared-state-across-await
  fetching = false;
  return dict;
}
