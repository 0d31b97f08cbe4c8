class Protocol {
  constructor(readonly secure: boolean) {}
}

// Configuration read from the environment, behind an async signature:
// Promise.resolve settles at once, so awaiting both in turn costs nothing.
export class SiteConfig {
  static async getHost(): Promise<string> {
    return Promise.resolve(process.env.HOST || "localhost");
  }

  static async getProtocol(): Promise<Protocol> {
    return Promise.resolve(new Protocol(process.env.HTTP_PROTOCOL === "https"));
  }

  static async homeUrl(): Promise<string> {
    const host = await SiteConfig.getHost();
    const protocol = await SiteConfig.getProtocol();
    return `${protocol.secure ? "https" : "http"}://${host}`;
  }
}

// A settled promise of a value the caller already has is no request.
function getCached<T>(value: T): Promise<T> {
  return Promise.resolve(value);
}

export async function page(team: { id: string }, members: string[]) {
  const t = await getCached(team);
  const m = await getCached(members);
  return { t, m };
}
