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

  async handle(id: string, type: string, publish: (s: string) => Promise<void>) {
    if (this.#inProgress.has(id)) return;
    switch (type) {
      case "check": {
        await publish("checking");
        break;
      }
      case "update": {
        this.#inProgress.add(id);
        try {
          await publish("updating");
        } finally {
          this.#inProgress.delete(id);
        }
        break;
      }
    }
  }
}

// Calls for one device exclude each other from the claim to the release:
// the attempt count read before the await is still this call's.
export class Configure {
  private configuring = new Set<string>();
  private attempts = new Map<string, number>();

  async configure(id: string, run: () => Promise<void>) {
    if (this.configuring.has(id)) return;
    const attempts = this.attempts.get(id) ?? 0;
    if (attempts >= 3) return;
    this.configuring.add(id);
    try {
      await run();
      this.attempts.delete(id);
    } catch (error) {
      this.attempts.set(id, attempts + 1);
    } finally {
      this.configuring.delete(id);
    }
  }
}

// The only await is in a branch without a block that returns: the calls
// that reach the write never yield between the read and it.
export class Expirations {
  #expirations = new Map<string, { real: number }>();

  async update(sid: string, expires: number, destroy: (sid: string) => Promise<void>) {
    const exp = this.#expirations.get(sid) ?? { real: 0 };
    exp.real = Math.max(exp.real, expires);
    if (exp.real <= Date.now()) return await destroy(sid);
    else if (exp.real === 0) throw new Error("no expiry");
    this.#expirations.set(sid, exp);
  }
}
