type User = { email: string };
declare const mailer: { send(to: string, body: string): Promise<void> };

export async function notifyAll(users: User[]) {
  users.forEach(async (u) => { // expect: async-iteration-callback
    await mailer.send(u.email, "Your report is ready");
  });
  console.log("all notified");
}

export async function activeOnly(users: User[], isActive: (u: User) => Promise<boolean>) {
  return users.filter(async (u) => await isActive(u)); // expect: async-iteration-callback
}

export async function firstPaid(users: User[], paid: (u: User) => Promise<boolean>) {
  return users.find(async function (u) { return paid(u); }); // expect: async-iteration-callback
}

// Each callback catches its errors, but the function goes on as if the
// work were done.
export function closeAll(sockets: { close(): Promise<void> }[], log: string[]): void {
  sockets.forEach(async (s) => { // expect: async-iteration-callback
    try {
      await s.close();
    } catch {
      log.push("close failed");
    }
  });
  log.push("all closed");
}
