import { prisma } from "./prisma";

// Each job is chained onto a promise that is never kept: jobs run side by
// side.
class LooseQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    return this.tail.then(() => job());
  }
}

const queue = new LooseQueue();

export function openThread(userId: string) {
  return queue.run(async () => {
    const existing = await prisma.thread.findFirst({ where: { userId, status: "open" } });
    if (existing) return existing;
    return prisma.thread.create({ data: { userId, status: "open" } }); // expect: find-or-create-race
  });
}
