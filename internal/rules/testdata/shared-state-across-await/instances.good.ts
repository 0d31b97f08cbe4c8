import { fetchPage, type Page } from "./remote";

// Every Importer is created inside one request and kept in a local
// variable: two requests never share an instance, so its fields are not
// shared state.
class Importer {
  private pages: Page[] = [];
  private seen = new Map<number, Page>();

  async add(n: number): Promise<void> {
    this.pages = [...this.pages, await fetchPage(n)];
  }

  async page(n: number): Promise<Page> {
    let page = this.seen.get(n);
    if (page === undefined) {
      page = await fetchPage(n);
      this.seen.set(n, page);
    }
    return page;
  }
}

export async function importAll(ns: number[]): Promise<number> {
  const importer = new Importer();
  for (const n of ns) {
    await importer.add(n);
  }
  return ns.length;
}

export async function firstPage(): Promise<Page> {
  return new Importer().page(1);
}

// An instance lent to a call the caller awaits is still the caller's own.
async function countAll(importer: Importer, ns: number[]): Promise<void> {
  for (const n of ns) await importer.add(n);
}

export async function importAndCount(ns: number[]): Promise<void> {
  const importer = new Importer();
  await countAll(importer, ns);
}
