import { prisma } from "./prisma";

interface Redis {
  waitLock(key: string, opts: { ttlSeconds: number }): Promise<() => Promise<void>>;
}

// The lookup and the create run under a lock the service takes and
// releases itself: a concurrent call for the same key waits, then finds
// the voucher the first one made.
export async function voucherFor(redis: Redis, uid: string, source: string) {
  const release = await redis.waitLock(`voucher:${uid}:${source}`, { ttlSeconds: 10 });
  try {
    const existing = await prisma.voucher.findFirst({ where: { uid, source } });
    if (existing) return existing;
    return await prisma.voucher.create({ data: { uid, source } });
  } finally {
    await release();
  }
}
