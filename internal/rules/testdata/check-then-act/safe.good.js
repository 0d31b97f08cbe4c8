const { pool } = require("./db");
const { Mutex } = require("async-mutex");
const Redis = require("ioredis");

const redis = new Redis();
const mutex = new Mutex();

// The condition is in the write, and the affected rows are checked.
async function debit(accountId, amount) {
  const { rows } = await pool.query("SELECT balance FROM accounts WHERE id = $1", [accountId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  const res = await pool.query(
    "UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1",
    [amount, accountId],
  );
  if (res.rowCount === 0) throw new Error("insufficient funds");
}

// A row lock taken inside a transaction on one client.
async function debitLocked(accountId, amount) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", [accountId]);
    if (rows[0].balance < amount) throw new Error("insufficient funds");
    await client.query("UPDATE accounts SET balance = $1 WHERE id = $2", [rows[0].balance - amount, accountId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

// Both the read and the write run under one lock.
async function bump(key) {
  await mutex.runExclusive(async () => {
    const n = Number(await redis.get(key));
    if (n < 10) await redis.set(key, n + 1);
  });
}

// Optimistic locking: WATCH makes EXEC fail when the key changed.
async function bumpWatched(key) {
  await redis.watch(key);
  const n = Number(await redis.get(key));
  if (n < 10) {
    await redis.set(key, n + 1);
  }
}

// An existence check only: a concurrent delete makes the update a no-op.
async function rename(users, id, name) {
  const user = await users.findOne({ _id: id });
  if (!user) throw new Error("not found");
  await users.updateOne({ _id: id }, { $set: { name } });
}

// An ownership check of a field the write does not touch.
async function retitle(Doc, id, userId, title) {
  const doc = await Doc.findByPk(id);
  if (doc.ownerId !== userId) throw new Error("forbidden");
  await Doc.update({ title }, { where: { id } });
}

// The read is only logged.
async function touch(id) {
  const { rows } = await pool.query("SELECT visits FROM pages WHERE id = $1", [id]);
  console.log("visits before", rows[0].visits);
  await pool.query("UPDATE pages SET visits = visits + 1 WHERE id = $1", [id]);
}

// Incr first: the counter is read and written in one atomic step.
async function rateLimit(ip) {
  const hits = await redis.incr(`rl:${ip}`);
  await redis.expire(`rl:${ip}`, 60, "NX");
  return hits <= 100;
}

// Restoring a soft-deleted row converges: both requests write null.
async function restore(User, id) {
  const user = await User.findByPk(id);
  if (user.deletedAt !== null) {
    user.deletedAt = null;
    await user.save();
  }
}

// A different record: the sender's balance is checked, the receiver's row
// gets a new transfer row.
async function transfer(fromId, toId, amount) {
  const { rows } = await pool.query("SELECT balance FROM accounts WHERE id = $1", [fromId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE accounts SET pending = $1 WHERE id = $2", [amount, toId]);
}

module.exports = { debit, debitLocked, bump, bumpWatched, rename, retitle, touch, rateLimit, restore, transfer };
