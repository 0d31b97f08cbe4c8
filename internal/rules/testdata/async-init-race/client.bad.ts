import { connectSearch, createPool, loadConfig, Client, type SearchClient, type Pool } from "./clients";

export class SearchService {
  private client?: SearchClient;

  async getClient(): Promise<SearchClient> {
    if (!this.client) {
      this.client = await connectSearch(process.env.SEARCH_URL ?? "http://127.0.0.1:9200"); // expect: async-init-race
    }
    return this.client;
  }
}

let pool: Pool | undefined;

export async function getPool(): Promise<Pool> {
  if (pool) {
    return pool;
  }
  pool = await createPool({ max: 10 }); // expect: async-init-race
  return pool;
}

let api: Client | null = null;

export async function getApi(): Promise<Client> {
  if (api === null) {
    const config = await loadConfig();
    api = new Client(config); // expect: async-init-race
  }
  return api;
}

export class Broker {
  private channel?: SearchClient;

  async open(): Promise<SearchClient> {
    this.channel ??= await connectSearch("amqp://127.0.0.1"); // expect: async-init-race
    return this.channel;
  }
}
