export async function fetchAll(urls: string[]): Promise<string[]> {
  return Promise.all(urls.map(async (u) => (await fetch(u)).text()));
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>(async (resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    try {
      resolve(await p);
    } catch (err) {
      reject(err);
    } finally {
      clearTimeout(timer);
    }
  });
}
