// A container that initialises once: a call leaves when it is either
// done or under way, and the under-way flag is set before the await and
// cleared after the component is written. The component read before the
// await is no other call's.
type Comp = { value: unknown };

export class CompContainer {
  comp: Comp;
  initialized = false;
  initializing = false;

  constructor(comp: Comp, private readonly initHandler?: (c: Comp) => Promise<Comp>) {
    this.comp = comp;
  }

  async init(): Promise<Comp> {
    if (this.initialized || this.initializing) {
      return this.comp;
    }
    this.initializing = true;
    let comp = this.comp;
    if (this.initHandler) {
      comp = await this.initHandler(comp);
    }
    this.comp = { ...comp };
    this.initialized = true;
    this.initializing = false;
    return this.comp;
  }
}
