// Leaving only when both flags are set lets a second call in while the
// first is under way; a flag set only after the await excludes no one.
type Comp = { value: unknown };

export class BothFlags {
  comp: Comp = { value: null };
  initialized = false;
  initializing = false;

  async init(load: (c: Comp) => Promise<Comp>): Promise<Comp> {
    if (this.initialized && this.initializing) {
      return this.comp;
    }
    this.initializing = true;
    const comp = this.comp;
    const next = await load(comp);
    this.comp = { ...comp, ...next }; // expect: shared-state-across-await
    this.initialized = true;
    return this.comp;
  }
}

export class LateFlag {
  comp: Comp = { value: null };
  initialized = false;
  initializing = false;

  async init(load: (c: Comp) => Promise<Comp>): Promise<Comp> {
    if (this.initialized || this.initializing) {
      return this.comp;
    }
    const comp = this.comp;
    const next = await load(comp);
    this.initializing = true;
    this.comp = { ...comp, ...next }; // expect: shared-state-across-await
    this.initialized = true;
    this.initializing = false;
    return this.comp;
  }
}
