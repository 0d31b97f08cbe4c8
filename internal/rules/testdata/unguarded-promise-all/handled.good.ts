import { db } from "./db";

type Job = { id: string; status: string };

// Constant $set and upserts: running the batch again finishes it.
export async function markMerged(ids: string[]) {
  await Promise.all(ids.map((id) => db.jobs.updateOne({ _id: id }, { $set: { status: "merged", merged: true } })));
}

export async function upsertAll(entries: Job[]) {
  await Promise.all(entries.map((e) => db.jobs.findOneAndUpdate({ _id: e.id }, e, { upsert: true })));
}

// Each callback catches its own errors: Promise.all cannot reject early.
export async function closeAll(jobs: Job[], errors: unknown[]) {
  await Promise.all(
    jobs.map(async (job) => {
      try {
        await db.jobs.updateOne({ _id: job.id }, { $inc: { attempts: 1 } });
      } catch (err) {
        errors.push(err);
      }
    }),
  );
}

// Each callback awaits a write that has its own .catch: no callback's
// promise can reject.
export async function retryAll(jobs: Job[], log: (e: unknown) => void) {
  await Promise.all(
    jobs.map(async (job) => {
      return await db.jobs.updateOne({ _id: job.id }, { $inc: { attempts: 1 } }).catch((err: unknown) => {
        log(err);
      });
    }),
  );
}

// The request object carries the transaction begun on it.
export async function removeTenant(req: { transactionID?: string }, userIds: string[]) {
  await db.beginTransaction(req);
  await Promise.all(userIds.map((id) => db.users.update({ where: { id }, data: { tenant: null }, req })));
  await db.commitTransaction(req);
}

// Enqueueing hands work to a queue: no record is written here.
export async function fanOut(notificationQueue: { addBulk(x: unknown[]): Promise<void> }, chunks: unknown[][]) {
  await Promise.all(chunks.map((c) => notificationQueue.addBulk(c)));
}

// Absolute $set values, whatever they are: running it again converges.
export async function reprioritise(ids: string[], order: Record<string, number>) {
  await Promise.all(ids.map((id) => db.integrations.update({ _id: id }, { $set: { priority: order[id], active: true } })));
}

// A queue service's own enqueue, reached through its base class.
class QueueBase {
  constructor(private readonly bull: { addBulk(x: unknown[]): Promise<void> }) {}
  async addBulk(items: unknown[]) {
    return this.bull.addBulk(items);
  }
}

class EmailQueueService extends QueueBase {
  async addBulk(items: unknown[]) {
    return await super.addBulk(items);
  }
}

export async function enqueueAll(emails: EmailQueueService, chunks: unknown[][]) {
  await Promise.all(chunks.map((c) => emails.addBulk(c)));
}

// A Local API call handed the request, which carries its transaction.
export async function detachUsers(req: { payload: any }, tenantId: string, userIds: string[]) {
  await Promise.all([
    req.payload.delete({ collection: "memberships", where: { tenant: { equals: tenantId } }, req }),
    ...userIds.map((id) => req.payload.update({ collection: "users", id, data: { tenant: null }, req })),
  ]);
}
