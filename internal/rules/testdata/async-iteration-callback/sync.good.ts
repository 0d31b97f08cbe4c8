export function tally(orders: { total: number }[], totals: Map<string, number>) {
  orders.map(async (o) => {
    totals.set("all", (totals.get("all") ?? 0) + o.total);
  });
  return totals;
}

type Device = { deviceId: string; kind: string; label: string };

// An async helper with a synchronous body has done its work when the call
// returns; awaiting it as the callback's last statement leaves nothing
// running after forEach.
async function addOption(select: HTMLSelectElement, device: Device): Promise<void> {
  const option = document.createElement("option");
  option.value = device.deviceId;
  option.textContent = device.label || device.kind;
  select.appendChild(option);
}

export function listMicrophones(select: HTMLSelectElement, devices: Device[]): number {
  devices.forEach(async (device) => {
    if (device.kind !== "audioinput") return;
    await addOption(select, device);
  });
  return select.options.length;
}
