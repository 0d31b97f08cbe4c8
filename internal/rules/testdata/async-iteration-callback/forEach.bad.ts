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

type Device = { deviceId: string; kind: string; label: string };

async function addOption(select: HTMLSelectElement, device: Device): Promise<void> {
  const option = document.createElement("option");
  option.value = device.deviceId;
  select.appendChild(option);
}

// Something follows the await: it runs after forEach has returned.
export function listSpeakers(select: HTMLSelectElement, devices: Device[], counts: { speakers: number }): number {
  devices.forEach(async (device) => { // expect: async-iteration-callback
    await addOption(select, device);
    counts.speakers++;
  });
  return counts.speakers;
}

async function labelOf(device: Device): Promise<string> {
  const res = await fetch(`/devices/${device.deviceId}`);
  return res.text();
}

async function addLabelled(select: HTMLSelectElement, device: Device): Promise<void> {
  const option = document.createElement("option");
  option.textContent = await labelOf(device);
  select.appendChild(option);
}

// The helper awaits a request: its options arrive after forEach returns.
export function listLabelled(select: HTMLSelectElement, devices: Device[]): number {
  devices.forEach(async (device) => { // expect: async-iteration-callback
    await addLabelled(select, device);
  });
  return select.options.length;
}
