type User = { email: string };
declare const mailer: { send(to: string, body: string): Promise<void> };

export async function notifyAll(users: User[]) {
  await Promise.all(users.map(async (u) => mailer.send(u.email, "hi")));
}

export async function notifyInOrder(users: User[]) {
  for (const u of users) {
    await mailer.send(u.email, "hi");
  }
}

export async function sendAll(users: User[]) {
  const tasks = users.map(async (u) => mailer.send(u.email, "hi"));
  return Promise.all(tasks);
}

// Sequential reduce over the accumulator promise, awaited: fine.
export async function total(items: number[], price: (n: number) => Promise<number>) {
  return items.reduce(async (accP, n) => (await accP) + (await price(n)), Promise.resolve(0));
}

export function syncCallbacks(users: User[]) {
  users.forEach((u) => console.log(u.email));
  return users.filter((u) => u.email.endsWith(".org"));
}

export async function settled(users: User[]) {
  const results = await Promise.allSettled(users.map(async (u) => mailer.send(u.email, "hi")));
  return results.filter((r) => r.status === "rejected").length;
}
