type Api = { post(path: string, body: unknown): Promise<unknown> };
type Runner = { release(): Promise<void> };

// Remote API calls cannot join a database transaction.
export async function createServices(api: Api, names: string[]) {
  await Promise.all(names.map((name) => api.post("/services", { name })));
}

// Giving back held connections is not a write of data.
export async function closeAll(runners: Runner[]) {
  await Promise.all(runners.map((r) => r.release()));
}

// A helper whose writes are all upserts: running the batch again converges.
async function saveRelease(db: any, name: string, version: string) {
  await db.releases.updateOrCreate({ name }, { version });
}

export async function releaseAll(db: any, names: string[], version: string) {
  await Promise.all(names.map((n) => saveRelease(db, n, version)));
}

// String.prototype.replace is not a write.
export async function normalise(codes: string[], lookup: (c: string) => Promise<string>) {
  return Promise.all(codes.map(async (c) => (await lookup(c)).replace(/\s+/g, "")));
}
