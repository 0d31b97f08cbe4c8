type Reader = { city(ip: string): { name: string } | null };
declare function openDatabase(file: string): Promise<Reader>;

// The only await waits for one promise every caller shares: after it,
// the entry is computed synchronously from the same reader, so two
// concurrent misses store the same value and start no second load.
let readerPromise: Promise<Reader> | null = null;

function getReader(): Promise<Reader> {
  if (!readerPromise) {
    readerPromise = openDatabase("cities.mmdb");
  }
  return readerPromise;
}

const cache = new Map<string, string>();

export async function cityOf(ip: string): Promise<string> {
  const hit = cache.get(ip);
  if (hit) return hit;
  const reader = await getReader();
  const name = reader.city(ip)?.name ?? "unknown";
  cache.set(ip, name);
  return name;
}
