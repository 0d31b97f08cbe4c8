const Redis = require("ioredis");

const redis = new Redis();

// A settings store whose value formatter reads another setting through
// the module's own export: the recursion repeats a lookup whose cost is
// counted once, and the helper costs one Redis round trip.
module.exports = {
  async getValue(key, value) {
    if (!value) {
      return null;
    }
    if (key === "redirectUrl") {
      const base = await module.exports.get("serviceUrl");
      return `${base}/oauth`;
    }
    return JSON.parse(value);
  },

  async get(key) {
    const value = await redis.hget("settings", key);
    return await this.getValue(key, value);
  },
};
