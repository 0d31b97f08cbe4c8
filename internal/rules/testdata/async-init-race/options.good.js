const Redis = require("ioredis");

// getClient builds a client from the app's settings and hands it a
// callback that writes: the client may call it later, getClient does not.
// Racing first calls build two interchangeable clients; nothing is opened
// or written twice.
class OAuthClient {
  constructor(opts) {
    this.opts = opts;
  }
}

class Apps {
  constructor(redis) {
    this.redis = redis;
  }

  async get(id) {
    return this.redis.hgetall(`app:${id}`);
  }

  async setMeta(id, meta) {
    await this.redis.hset(`app:${id}:meta`, meta);
  }

  async getClient(id) {
    const app = await this.get(id);
    return new OAuthClient({
      clientId: app.clientId,
      setFlag: async (flag) => {
        await this.setMeta(id, { flag });
      },
    });
  }
}

const apps = new Apps(new Redis());

class Mailbox {
  async getClient() {
    if (this.client) {
      return this.client;
    }
    this.client = await apps.getClient(this.appId);
    return this.client;
  }
}

module.exports = { Mailbox };
