import { Queue } from "bull";

// A queue injected by its declared type: add() returns a promise that
// rejects when Redis is down, and nothing here waits for it or catches it.
export class ReportService {
  constructor(private readonly reportQueue: Queue) {}

  async schedule(formId: string) {
    this.reportQueue.add({ formId }, { delay: 60_000 }); // expect: floating-promise
    return { scheduled: true };
  }

  async scheduleAwaited(formId: string) {
    await this.reportQueue.add({ formId });
    return { scheduled: true };
  }
}
