import { client } from "./http";

interface Options {
  offline: boolean;
}

// The guard reads a setting that the branch never sets: the request runs
// on every call.
class Settings {
  constructor(private readonly options: Options) {}

  async getSettings() {
    let values = {};
    if (!this.options.offline) {
      values = (await client.get("/settings")).data;
    }
    return values;
  }

  async getFlags() {
    let values = {};
    if (!this.options.offline) {
      values = (await client.get("/flags")).data;
    }
    return values;
  }
}

export async function boot(settings: Settings) {
  const s = await settings.getSettings(); // expect: sequential-awaits
  const f = await settings.getFlags();
  return { s, f };
}
