// Shared by validation.bad.ts, validation.bad.js and validation.good.ts: a
// service exported as one instance, whose reads check their arguments
// before any query and log a failure before passing it on.
type DB = { query(sql: string, args: unknown[]): Promise<any[]> };

class ChannelsApi {
  constructor(private db: DB) {}

  // Throws on a bad status before it queries anything: a check of the
  // arguments, which the caller could make as well, not of what it read.
  async getChannels(key: string, status: string): Promise<any[]> {
    try {
      if (!["open", "closed"].includes(status)) {
        throw new Error("invalid status");
      }
      return await this.db.query("SELECT * FROM channels WHERE node = ? AND status = ?", [key, status]);
    } catch (e) {
      console.error(e);
      throw e;
    }
  }

  async getCount(key: string): Promise<number> {
    try {
      const rows = await this.db.query("SELECT COUNT(*) AS n FROM channels WHERE node = ?", [key]);
      return rows[0].n;
    } catch (e) {
      console.error(e);
      throw e;
    }
  }

  // Throws when the node it read is missing: the caller's next read runs
  // only after this passed. The catch logs and passes the error on.
  async getNode(key: string): Promise<any> {
    try {
      const [node] = await this.db.query("SELECT * FROM nodes WHERE key = ?", [key]);
      if (!node) {
        throw new Error("node not found");
      }
      return node;
    } catch (e) {
      console.error(e);
      throw e;
    }
  }
}

export default new ChannelsApi({ query: async () => [] });
