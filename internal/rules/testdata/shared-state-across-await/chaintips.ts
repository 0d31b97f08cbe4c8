// Used by orphans.good.ts: a module that exports one instance. Its cache
// fill spans an await, but its one caller is a loop that schedules its
// next turn when this one is done, so no two fills overlap.
import { fetchBlock } from "./jobs";

class ChainTips {
  private blockCache: Record<string, unknown> = {};

  async updateOrphans(hashes: string[]): Promise<void> {
    for (const hash of hashes) {
      let block = this.blockCache[hash];
      if (!block) {
        block = await fetchBlock(hash);
        this.blockCache[hash] = block;
      }
    }
  }
}

export default new ChainTips();
