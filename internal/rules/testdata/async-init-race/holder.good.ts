import { settings } from "./settings";

// Objects that only hold what they were given: two racing initialisations
// build two interchangeable ones, and nothing is opened or leaked. What a
// project class or function does decides, not its name.
class Account {
  readonly timeout: number;

  constructor(private readonly options: { account: string; secret: string; timeout?: number }) {
    this.timeout = options.timeout ? Number(options.timeout) : 0;
  }
}

class GmailOauth {
  readonly scopes: string[];

  constructor(readonly clientId: string, scopes: string[] = ["mail"]) {
    this.scopes = scopes.includes("openid") ? scopes : [...scopes, "openid"];
  }
}

async function createOauthClient(id: string): Promise<GmailOauth> {
  const app = await settings.get(`oauth:${id}`);
  if (!app) {
    throw new Error("Missing OAuth2 app");
  }
  return new GmailOauth(app.clientId, app.scopes);
}

export class GmailClient {
  private accountObject?: Account;
  private oAuth2Client?: GmailOauth;

  constructor(private readonly account: string) {}

  async getAccount(): Promise<Account> {
    if (!this.accountObject) {
      this.accountObject = new Account({ account: this.account, secret: await settings.get("secret") });
    }
    return this.accountObject;
  }

  async getOauthClient(): Promise<GmailOauth> {
    if (!this.oAuth2Client) {
      this.oAuth2Client = await createOauthClient(this.account);
    }
    return this.oAuth2Client;
  }
}
