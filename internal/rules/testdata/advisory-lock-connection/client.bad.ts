import { Pool, PoolClient } from "pg";
import { PrismaClient } from "@prisma/client";

const pool = new Pool();
const prisma = new PrismaClient();

export async function tryLeadership(lockId: number): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS ok", [lockId]); // expect: advisory-lock-connection
    return rows[0].ok;
  } finally {
    client.release();
  }
}

export async function withLock<T>(lockId: number, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  await client.query({ text: "SELECT pg_advisory_lock($1)", values: [lockId] }); // expect: advisory-lock-connection
  const result = await fn(client);
  await client.query("SELECT pg_advisory_unlock($1)", [lockId]);
  client.release();
  return result;
}

export async function reindex(tenant: number) {
  await prisma.$executeRaw`SELECT pg_advisory_lock(${tenant})`; // expect: advisory-lock-connection
  await prisma.$executeRaw`REINDEX TABLE search`;
  await prisma.$executeRaw`SELECT pg_advisory_unlock(${tenant})`;
}

export async function inTransaction(tenant: number) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_lock(${tenant})`; // expect: advisory-lock-connection
    await tx.$executeRaw`UPDATE tenants SET synced_at = now() WHERE id = ${tenant}`;
  });
}
