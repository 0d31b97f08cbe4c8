class IssueStore {
  constructor(service) {
    this.service = service;
    this.issues = new Map();
  }

  async issueUpdate(id, data, shouldSync = true) {
    this.issues.set(id, { ...this.issues.get(id), ...data });
    if (!shouldSync) return;
    await this.service.patchIssue(id, data);
  }

  // The default syncs: the request can fail, and its rejection is dropped.
  rename(id, name) {
    setTimeout(() => {
      this.issueUpdate(id, { name }); // expect: floating-promise
    }, 0);
  }
}

module.exports = { IssueStore };
