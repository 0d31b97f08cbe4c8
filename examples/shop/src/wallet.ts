import { pool } from "./db";

export class InsufficientFunds extends Error {}

// BUG: two concurrent withdrawals both read the same balance and both pass the check.
export async function withdraw(userId: string, amount: number): Promise<number> {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  const balance: number = rows[0]?.balance ?? 0;
  if (balance < amount) {
    throw new InsufficientFunds(userId);
  }
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [balance - amount, userId]);
  return balance - amount;
}

// Correct: one conditional UPDATE decides and acts atomically.
export async function withdrawAtomically(userId: string, amount: number): Promise<number> {
  const res = await pool.query(
    "UPDATE wallets SET balance = balance - $1 WHERE user_id = $2 AND balance >= $1 RETURNING balance",
    [amount, userId],
  );
  if (res.rowCount === 0) throw new InsufficientFunds(userId);
  return res.rows[0].balance;
}
