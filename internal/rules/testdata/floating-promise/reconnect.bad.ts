// The retry gives up by throwing: the cycle rejects through that throw.
async function connect(dial: (id: string) => Promise<void>, id: string, n: number): Promise<void> {
  try {
    await dial(id);
  } catch (e) {
    await reconnect(dial, id, n);
  }
}

async function reconnect(dial: (id: string) => Promise<void>, id: string, n: number): Promise<void> {
  if (n >= 5) {
    throw new Error(`could not reach ${id}`);
  }
  await connect(dial, id, n + 1);
}

export function connectAll(dial: (id: string) => Promise<void>, ids: string[]): void {
  for (const id of ids) {
    setTimeout(() => connect(dial, id, 0), 0); // expect: floating-promise
  }
}
