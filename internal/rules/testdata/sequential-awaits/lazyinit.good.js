const { Pool } = require("pg");

const pool = new Pool();
let ready = false;
let catalog = { products: [], prices: [] };

async function init() {
  const products = await pool.query("SELECT * FROM products");
  const prices = await pool.query("SELECT * FROM prices");
  catalog = { products: products.rows, prices: prices.rows };
  ready = true;
}

// Load the catalog on the first call only; after that, answer from memory.
async function getProducts() {
  if (!ready) await init();
  return catalog.products;
}

async function getPrices() {
  if (!ready) await init();
  return catalog.prices;
}

async function page() {
  const products = await getProducts();
  const prices = await getPrices();
  return { products, prices };
}

module.exports = { page };
