const { settings } = require("./settings");

// Objects that only hold what they were given: two racing initialisations
// build two interchangeable ones, and nothing is opened or leaked. What a
// project class or function does decides, not its name.
class Account {
  constructor(options) {
    this.redis = options.redis;
    this.account = options.account || false;
    this.timeout = options.timeout ? Number(options.timeout) : 0;
    this.call = options.call;
  }
}

class GmailOauth {
  constructor(opts) {
    const scopes = [].concat(opts.scopes || ["mail"]);
    if (!scopes.includes("openid")) {
      scopes.push("openid");
    }
    this.scopes = scopes;
    this.clientId = opts.clientId;
  }
}

async function getClient(id) {
  const app = await settings.get(`oauth:${id}`);
  if (!app) {
    throw new Error("Missing OAuth2 app");
  }
  return new GmailOauth({ clientId: app.clientId, scopes: app.scopes });
}

class GmailClient {
  constructor(redis, account) {
    this.redis = redis;
    this.account = account;
  }

  async getAccount() {
    if (this.accountObject) {
      return this.accountObject;
    }
    this.accountObject = new Account({ redis: this.redis, account: this.account, secret: await settings.get("secret") });
    return this.accountObject;
  }

  async getOauthClient() {
    if (!this.oAuth2Client) {
      this.oAuth2Client = await getClient(this.account);
    }
    return this.oAuth2Client;
  }
}

module.exports = { GmailClient };
