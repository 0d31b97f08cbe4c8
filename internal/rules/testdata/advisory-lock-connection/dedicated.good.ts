import { Client, Pool } from "pg";

const pool = new Pool();

export async function withAdvisoryLock<T>(lockId: number, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [lockId]);
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [lockId]);
    }
  } finally {
    client.release();
  }
}

export async function withTransactionLock<T>(lockId: number, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [lockId]);
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

export async function xactThroughPool(lockId: number) {
  // One statement, one transaction: the xact lock ends with it.
  await pool.query("SELECT pg_advisory_xact_lock($1)", [lockId]);
}

export async function destroyOnRelease(lockId: number) {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_try_advisory_lock($1)", [lockId]);
  } finally {
    client.release(true);
  }
}

// A leader keeps its connection, and its lock, for the life of the process.
let leader: Client | undefined;
export async function elect(lockId: number): Promise<boolean> {
  const conn = await pool.connect();
  const { rows } = await conn.query("SELECT pg_try_advisory_lock($1) AS ok", [lockId]);
  return rows[0].ok;
}

export async function dedicated(lockId: number) {
  leader = new Client();
  await leader.connect();
  await leader.query("SELECT pg_advisory_lock($1)", [lockId]);
}
