import { pool } from "./db";

type Product = { id: string; name: string; price: number };

const cache = new Map<string, Product>();
let categories: string[] | undefined;

// BUG: two requests both miss the cache and both load; the later write wins.
export async function product(id: string): Promise<Product> {
  if (!cache.has(id)) {
    const { rows } = await pool.query("SELECT id, name, price FROM products WHERE id = $1", [id]);
    cache.set(id, rows[0]);
  }
  return cache.get(id)!;
}

// BUG: two first calls both run the query.
export async function allCategories(): Promise<string[]> {
  if (!categories) {
    const { rows } = await pool.query("SELECT DISTINCT category FROM products");
    categories = rows.map((r) => r.category);
  }
  return categories;
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
