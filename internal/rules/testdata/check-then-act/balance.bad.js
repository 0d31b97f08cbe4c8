const { pool } = require("./db");
const knex = require("./knex");
const Redis = require("ioredis");

const redis = new Redis();

// mysql2: [rows] destructuring, ? placeholders.
async function buy(conn, itemId, qty) {
  const [rows] = await conn.execute("SELECT stock FROM items WHERE id = ?", [itemId]);
  if (rows[0].stock >= qty) {
    await conn.execute("UPDATE items SET stock = ? WHERE id = ?", [rows[0].stock - qty, itemId]); // expect: check-then-act
  }
}

// The write is relative (atomic on its own) but the check is stale: two
// requests both pass it and the balance goes negative.
async function debit(accountId, amount) {
  const { rows } = await pool.query("SELECT balance FROM accounts WHERE id = $1", [accountId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [amount, accountId]); // expect: check-then-act
}

// knex: the value read decides, and is written back.
async function spend(userId, cost) {
  const wallet = await knex("wallets").where({ user_id: userId }).first();
  if (!wallet || wallet.credits < cost) {
    return false;
  }
  await knex("wallets").where({ user_id: userId }).update({ credits: wallet.credits - cost }); // expect: check-then-act
  return true;
}

// A redis hash field checked and written back.
async function takeTicket(eventId) {
  const left = Number(await redis.hget(`event:${eventId}`, "tickets"));
  if (left <= 0) return null;
  await redis.hset(`event:${eventId}`, "tickets", left - 1); // expect: check-then-act
  return left;
}

// mongoose: the document is loaded, changed in memory and saved back.
async function reserve(Product, productId, qty) {
  const product = await Product.findById(productId);
  if (product.stock < qty) {
    throw new Error("out of stock");
  }
  product.stock -= qty;
  await product.save(); // expect: check-then-act
}

module.exports = { buy, debit, spend, takeTicket, reserve };
