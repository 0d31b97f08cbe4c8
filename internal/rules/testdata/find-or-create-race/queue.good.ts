import { prisma } from "./prisma";

// A class that runs its jobs one after another on a kept promise chain.
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => job());
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const queue = new SerialQueue();

export function openThread(userId: string) {
  return queue.run(async () => {
    const existing = await prisma.thread.findFirst({ where: { userId, status: "open" } });
    if (existing) return existing;
    return prisma.thread.create({ data: { userId, status: "open" } });
  });
}
