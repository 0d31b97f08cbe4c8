// Used by orphans.good.js: a CommonJS module that exports one instance,
// whose cache fill spans an await; its one caller is a self-scheduling
// loop, so no two fills overlap.
const { fetchBlock } = require("./jobs");

class MempoolCache {
  constructor() {
    this.blocks = {};
  }

  async addBlocks(hashes) {
    for (const hash of hashes) {
      if (!this.blocks[hash]) {
        this.blocks[hash] = await fetchBlock(hash);
      }
    }
  }
}

module.exports = new MempoolCache();
