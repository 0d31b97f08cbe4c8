// The awaits between the check and the add lie on paths that never reach
// the add: the other branch of the if, or a branch that returns first.
export class Updates {
  #inProgress = new Set<string>();

  async onMessage(id: string, abort: boolean, publish: (s: string) => Promise<void>) {
    if (this.#inProgress.has(id)) {
      if (abort) {
        this.#inProgress.delete(id);
        await publish("aborted");
      }
    } else {
      this.#inProgress.add(id);
      try {
        await publish("started");
      } finally {
        this.#inProgress.delete(id);
      }
    }
  }

  async check(id: string, publish: (s: string) => Promise<void>) {
    if (this.#inProgress.has(id)) {
      await publish("busy");
      return;
    }
    this.#inProgress.add(id);
    try {
      await publish("checking");
    } finally {
      this.#inProgress.delete(id);
    }
  }
}
