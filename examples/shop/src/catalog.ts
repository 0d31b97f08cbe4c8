import { pool } from "./db";

type Product = { id: string; name: string; price: number };

const cache = new Map<string, Product>();
type SearchClient = { query(q: string): Promise<Product[]> };
let search: SearchClient | undefined;

// BUG: two requests both miss the cache and both load; the later write wins.
export async function product(id: string): Promise<Product> {
  if (!cache.has(id)) {
    const { rows } = await pool.query("SELECT id, name, price FROM products WHERE id = $1", [id]);
    cache.set(id, rows[0]);
  }
  return cache.get(id)!;
}

// BUG: two first calls both connect; one client is leaked.
export async function searchProducts(q: string): Promise<Product[]> {
  if (!search) {
    search = await connectSearch(process.env.SEARCH_URL ?? "http://127.0.0.1:9200");
  }
  return search.query(q);
}

async function connectSearch(url: string): Promise<SearchClient> {
  const res = await fetch(`${url}/_health`);
  if (!res.ok) throw new Error(`search unavailable at ${url}`);
  return {
    query: async (q) => (await fetch(`${url}/products?q=${encodeURIComponent(q)}`)).json(),
  };
}

// Correct: memoise the promise so concurrent callers share one load.
const pending = new Map<string, Promise<Product>>();
export function productOnce(id: string): Promise<Product> {
  let p = pending.get(id);
  if (!p) {
    p = pool.query("SELECT id, name, price FROM products WHERE id = $1", [id]).then((r) => r.rows[0]);
    pending.set(id, p);
  }
  return p;
}

// Fine: no await between read and write, so requests cannot interleave here.
let views = 0;
export function countView(): number {
  views++;
  return views;
}
