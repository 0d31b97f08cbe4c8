import Redlock from "redlock";
import Redis from "ioredis";

const redlock = new Redlock([new Redis()], { retryCount: 3 });

export async function settle(accountId: string, ledger: { post(id: string): Promise<void>; close(id: string): Promise<void> }) {
  await redlock.using([`account:${accountId}`], 5_000, async () => { // expect: redlock-unchecked-abort
    await ledger.post(accountId);
    await ledger.close(accountId);
  });
}

export async function reindex(tenant: string, batches: Array<() => Promise<void>>) {
  return redlock.using([`index:${tenant}`], 10_000, { automaticExtensionThreshold: 500 }, async (signal) => { // expect: redlock-unchecked-abort
    for (const batch of batches) {
      await batch();
    }
  });
}
