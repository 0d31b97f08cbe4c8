// A capability flag worked out from a remote read: concurrent first calls
// each ask, and each stores the same boolean.
export class Provider {
  private supportsTools: boolean | null = null;

  constructor(private model: string) {}

  async supportsToolCalling(): Promise<boolean> {
    if (this.supportsTools !== null) return this.supportsTools;
    const res = await fetch(`https://models.example.com/${this.model}/capabilities`);
    const caps = await res.json();
    this.supportsTools = caps.tools === true;
    return this.supportsTools;
  }
}
