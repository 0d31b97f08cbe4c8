// A value a read-only request fetches: calls that arrive before the first
// response each send the same GET and store equal data. That costs a
// duplicate read, not a duplicate effect or a leaked resource.
let projectId: string | undefined;

async function lookupProjectId(): Promise<string> {
  const res = await fetch("http://metadata.internal/project-id");
  return res.text();
}

export async function getProjectId(): Promise<string> {
  if (!projectId) {
    projectId = await lookupProjectId();
  }
  return projectId;
}

export class Discovery {
  private config?: { issuer: string };

  async getConfiguration() {
    if (!this.config) {
      const res = await fetch("https://id.example.com/.well-known/openid-configuration");
      this.config = await res.json();
    }
    return this.config;
  }
}
