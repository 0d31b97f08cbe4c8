// The transaction is committed before the locking read, or opened on
// another connection than the one the read goes through.
import mysql, { type RowDataPacket } from "mysql2/promise";

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export async function audit(key: string): Promise<void> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query("INSERT INTO audit (k) VALUES (?)", [key]);
    await conn.commit();
    const [rows] = await conn.query<RowDataPacket[]>("SELECT value FROM kv WHERE `key` = ? FOR UPDATE", [key]); // expect: for-update-outside-transaction
    await conn.query("UPDATE kv SET value = ? WHERE `key` = ?", [String(rows.length), key]);
  } finally {
    conn.release();
  }
}

export async function mirror(key: string): Promise<void> {
  const writer = await pool.getConnection();
  const reader = await pool.getConnection();
  try {
    await writer.beginTransaction();
    const [rows] = await reader.query<RowDataPacket[]>("SELECT value FROM kv WHERE `key` = ? FOR UPDATE", [key]); // expect: for-update-outside-transaction
    await writer.query("UPDATE kv_copy SET value = ? WHERE `key` = ?", [rows[0]?.value, key]);
    await writer.commit();
  } finally {
    writer.release();
    reader.release();
  }
}
