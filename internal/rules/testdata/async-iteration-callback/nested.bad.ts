type Channel = { id: string };
declare const mailer: { send(to: string): Promise<void> };
declare const pager: { page(userId: string): Promise<void> };

// The array of promises is one element of Promise.all's array: Promise.all
// takes it as a value and waits for none of the notices.
export async function leaveAll(userId: string, channels: Channel[]) {
  const notices = channels.map(async (c) => { // expect: async-iteration-callback
    await mailer.send(c.id);
  });
  const paging = pager.page(userId);
  await Promise.all([notices, paging]);
}

export async function leaveInline(userId: string, channels: Channel[]) {
  await Promise.allSettled([
    pager.page(userId),
    channels.map(async (c) => mailer.send(c.id)), // expect: async-iteration-callback
  ]);
}
