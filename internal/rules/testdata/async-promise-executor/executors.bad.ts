import { readFile } from "fs/promises";

export function readManifest(path: string): Promise<object> {
  return new Promise<object>(async (resolve) => { // expect: async-promise-executor
    const text = await readFile(path, "utf8");
    resolve(JSON.parse(text));
  });
}

export async function waitForLeader(store: { leader(): Promise<string | null> }) {
  const leader = await new Promise<string>(async (resolve, reject) => { // expect: async-promise-executor
    for (;;) {
      const id = await store.leader();
      if (id) return resolve(id);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  return leader;
}
