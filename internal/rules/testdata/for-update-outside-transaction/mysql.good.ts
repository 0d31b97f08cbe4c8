// mysql2: beginTransaction() opens a transaction on the connection it is
// called on; the locking read and the writes after it run in it until
// commit() or rollback(). A rollback in the catch does not end it on the
// path that reaches the read.
import mysql, { type PoolConnection, type RowDataPacket } from "mysql2/promise";

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export async function compareAndSet(key: string, expected: string, next: string): Promise<boolean> {
  let conn: PoolConnection | undefined;
  try {
    conn = await pool.getConnection();
    await conn.beginTransaction();
    const [rows] = await conn.query<RowDataPacket[]>("SELECT value FROM kv WHERE `key` = ? FOR UPDATE", [key]);
    if (rows[0]?.value !== expected) {
      await conn.rollback();
      return false;
    }
    await conn.query("UPDATE kv SET value = ? WHERE `key` = ?", [next, key]);
    await conn.commit();
    return true;
  } catch (err) {
    await conn?.rollback();
    throw err;
  } finally {
    conn?.release();
  }
}
