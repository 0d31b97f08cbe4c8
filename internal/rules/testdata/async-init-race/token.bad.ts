import axios from "axios";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { readSettings } from "./settings";

// Values fetched from another service are in-flight work too: every caller
// that arrives before the first response sends its own request.
export class TokenProvider {
  private token?: string;

  async getToken(): Promise<string> {
    if (this.token) {
      return this.token;
    }
    await this.refresh();
    return this.token!;
  }

  // The write is made by a helper the guarded caller runs.
  private async refresh(): Promise<void> {
    const res = await axios.post("https://auth.example.com/token", { grant_type: "client_credentials" });
    this.token = res.data.access_token; // expect: async-init-race
  }
}

class ReportWriter {
  private readonly out: WriteStream;

  constructor(readonly dir: string) {
    this.out = createWriteStream(join(dir, "report.log"), { flags: "a" });
  }
}

// A get-or-create that tests a local copy of the slot and stores an
// object created after an await.
export class Reports {
  private writer: ReportWriter | null = null;

  async getWriter(): Promise<ReportWriter> {
    let writer = this.writer;
    if (writer == null) {
      const settings = await readSettings();
      writer = new ReportWriter(settings.reportDir);
      this.writer = writer; // expect: async-init-race
    }
    return writer;
  }
}
