import { loadFromStore, type Doc } from "./store";

// Loads in flight are kept in their own map, set before the await: a
// second call for the name returns the first one's promise, so only one
// call fills the documents map.
export class Documents {
  private documents = new Map<string, Doc>();
  private loading = new Map<string, Promise<Doc>>();

  async open(name: string): Promise<Doc> {
    const pending = this.loading.get(name);
    if (pending) {
      return pending;
    }
    const existing = this.documents.get(name);
    if (existing) {
      return existing;
    }
    const load = loadFromStore(name);
    this.loading.set(name, load);
    try {
      const doc = await load;
      this.documents.set(name, doc);
      return doc;
    } finally {
      this.loading.delete(name);
    }
  }
}
