import { fetchRate, fetchPage, connect, type Client, type Page } from "./remote";

const rates = new Map<string, number>();

export async function rateFor(currency: string): Promise<number> {
  if (!rates.has(currency)) {
    const rate = await fetchRate(currency);
    rates.set(currency, rate); // expect: shared-state-across-await
  }
  return rates.get(currency)!;
}

export class Feed {
  private pages = new Map<number, Page>();
  private items: Page[] = [];
  private hits: Record<string, number> = {};
  private client?: Client;

  async page(n: number): Promise<Page> {
    let page = this.pages.get(n);
    if (page === undefined) {
      page = await fetchPage(n);
      this.pages.set(n, page); // expect: shared-state-across-await
    }
    return page;
  }

  async loadMore(n: number): Promise<void> {
    this.items = [...this.items, await fetchPage(n)]; // expect: shared-state-across-await
  }

  async count(key: string, weigh: (k: string) => Promise<number>): Promise<void> {
    this.hits[key] = (this.hits[key] ?? 0) + (await weigh(key)); // expect: shared-state-across-await
  }

  // A single slot initialised lazily is async-init-race's, not this rule's.
  async connection(): Promise<Client> {
    if (!this.client) {
      this.client = await connect(); // expect: async-init-race
    }
    return this.client;
  }
}
