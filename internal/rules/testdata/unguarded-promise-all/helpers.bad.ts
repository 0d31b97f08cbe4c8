type Segments = {
  addToStrategy(segmentId: number, strategyId: string): Promise<void>;
  removeFromStrategy(segmentId: number, strategyId: string): Promise<void>;
};

// The batches are helpers; the change they belong to is their caller's:
// the old segments are removed, then the new ones added. When one add
// fails, the strategy is left with some of the new segments.
export class StrategySegments {
  constructor(private readonly segments: Segments) {}

  async replace(strategyId: string, oldIds: number[], newIds: number[]) {
    await this.removeFrom(strategyId, oldIds);
    await this.addTo(strategyId, newIds);
  }

  private async removeFrom(strategyId: string, ids: number[]) {
    // Removals alone converge when run again.
    await Promise.all(ids.map((id) => this.segments.removeFromStrategy(id, strategyId)));
  }

  private async addTo(strategyId: string, ids: number[]) {
    await Promise.all(ids.map((id) => this.segments.addToStrategy(id, strategyId))); // expect: unguarded-promise-all
  }
}
