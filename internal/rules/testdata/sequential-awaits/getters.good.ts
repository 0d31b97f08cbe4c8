// Async getters that await nothing and return a field: there is no I/O to
// overlap, so awaiting them one after another costs nothing.
export class Limits {
  constructor(private readonly config: { maxTokens: number; maxSegments: number }) {}

  async getTokenLimit(): Promise<number> {
    return this.config.maxTokens;
  }

  async getSegmentLimit(): Promise<number> {
    return this.config.maxSegments;
  }

  async check(tokens: number, segments: number): Promise<boolean> {
    const tokenLimit = await this.getTokenLimit();
    const segmentLimit = await this.getSegmentLimit();
    return tokens <= tokenLimit && segments <= segmentLimit;
  }
}

// Getters that only await a snapshot computed once and shared by every
// caller: after the first, nothing is left to wait for.
export class Portfolio {
  private snapshot: Promise<{ fees: number; dividends: number }>;

  constructor(load: () => Promise<{ fees: number; dividends: number }>) {
    this.snapshot = load();
  }

  async getFees(): Promise<number> {
    return (await this.snapshot).fees;
  }

  async getDividends(): Promise<number> {
    const s = await this.snapshot;
    return s.dividends;
  }

  async summary() {
    const fees = await this.getFees();
    const dividends = await this.getDividends();
    return { fees, dividends };
  }
}

// Awaiting a function that returns no promise waits for nothing.
function getDefaultActionsFor(entity: string): string[] {
  return ["create", "update"].map((verb) => `${verb}${entity}`);
}

export async function actionsFor(db: { findEntity(id: string): Promise<{ name: string }> }, id: string) {
  const defaults = await getDefaultActionsFor("Order");
  const entity = await db.findEntity(id);
  return { defaults, entity };
}
