import axios from "axios";
import { readSettings } from "./settings";

export class TokenProvider {
  private token?: string;
  private refreshing?: Promise<void>;

  async getToken(): Promise<string> {
    if (this.token) {
      return this.token;
    }
    await this.refresh();
    return this.token!;
  }

  // One refresh in flight, shared by every caller.
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const res = await axios.post("https://auth.example.com/token", {});
      this.token = res.data.access_token;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }
}

export class Session {
  private id?: string;
  private loading = false;

  // A single-flight flag set before the first await: later callers return.
  async start(): Promise<void> {
    if (this.id) {
      return;
    }
    if (this.loading) {
      return;
    }
    this.loading = true;
    const res = await axios.post("https://auth.example.com/session", {});
    this.id = res.data.id;
    this.loading = false;
  }
}

let settingsCache: { reportDir: string } | undefined;

// Data read from a local file: a second read creates nothing.
export async function settings(): Promise<{ reportDir: string }> {
  if (!settingsCache) {
    settingsCache = await readSettings();
  }
  return settingsCache;
}

// A counter updated with no await between its read and its write.
let calls = 0;
export async function counted(): Promise<number> {
  calls++;
  await readSettings();
  return calls;
}
