type Channel = { id: string };
declare const mailer: { send(to: string): Promise<void> };
declare const pager: { page(userId: string): Promise<void> };

// Spread into Promise.all's array: every notice is awaited.
export async function leaveAllSpread(userId: string, channels: Channel[]) {
  const notices = channels.map(async (c) => {
    await mailer.send(c.id);
  });
  await Promise.all([...notices, pager.page(userId)]);
}

// Held in a variable that its own Promise.all awaits, inside the outer one.
export async function leaveAllGrouped(userId: string, channels: Channel[]) {
  const notices = channels.map(async (c) => mailer.send(c.id));
  await Promise.all([Promise.all(notices), pager.page(userId)]);
}

// A reduce over an accumulator promise yields one promise: Promise.all
// waits for it.
export async function chained(userId: string, channels: Channel[]) {
  const chain = channels.reduce(async (prev, c) => {
    await prev;
    await mailer.send(c.id);
  }, Promise.resolve());
  await Promise.all([chain, pager.page(userId)]);
}

// Each inner array gets its own Promise.all.
export async function grouped(userId: string, channels: Channel[]) {
  await Promise.all([
    Promise.all(channels.map(async (c) => mailer.send(c.id))),
    pager.page(userId),
  ]);
}

// A callback that returns no promise: the array holds plain values.
export async function labelled(userId: string, channels: Channel[]) {
  const labels = channels.map((c) => c.id.toUpperCase());
  await Promise.all([labels, pager.page(userId)]);
}
