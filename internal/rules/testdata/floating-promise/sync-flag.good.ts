interface IssueService {
  patchIssue(id: string, data: object): Promise<void>;
}

export class IssueStore {
  issues = new Map<string, object>();

  constructor(private service: IssueService) {}

  // With shouldSync false it only updates the store and returns before
  // its first await: a caller that drops its promise loses nothing.
  async issueUpdate(id: string, data: object, shouldSync = true) {
    this.issues.set(id, { ...this.issues.get(id), ...data });
    if (!shouldSync) return;
    await this.service.patchIssue(id, data);
  }

  moveToCycle(ids: string[], cycleId: string) {
    for (const id of ids) {
      this.issueUpdate(id, { cycleId }, false);
    }
  }
}
