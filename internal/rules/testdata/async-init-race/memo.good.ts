import { Mutex } from "async-mutex";
import { connectSearch, type SearchClient } from "./clients";

export class SearchService {
  private clientPromise?: Promise<SearchClient>;

  // Store the promise, not the result.
  getClient(): Promise<SearchClient> {
    if (!this.clientPromise) {
      this.clientPromise = connectSearch(process.env.SEARCH_URL ?? "http://127.0.0.1:9200");
    }
    return this.clientPromise;
  }
}

let dbPromise: Promise<SearchClient> | undefined;

export function getDb(): Promise<SearchClient> {
  dbPromise ??= connectSearch("http://127.0.0.1:9200");
  return dbPromise;
}

export class Guarded {
  private client?: SearchClient;
  private readonly initMutex = new Mutex();

  // A mutex with a second check inside it.
  async getClient(): Promise<SearchClient> {
    if (!this.client) {
      await this.initMutex.runExclusive(async () => {
        if (!this.client) {
          this.client = await connectSearch("http://127.0.0.1:9200");
        }
      });
    }
    return this.client!;
  }
}

export class Shared {
  private client?: SearchClient;
  private connecting?: Promise<SearchClient>;

  // Every caller awaits the same promise and stores the same client.
  async getClient(): Promise<SearchClient> {
    if (!this.client) {
      this.connecting ??= connectSearch("http://127.0.0.1:9200");
      this.client = await this.connecting;
    }
    return this.client;
  }
}
