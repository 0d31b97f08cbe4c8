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
