import knexFactory, { type Knex } from "knex";

const knex = knexFactory({ client: "pg" });

// Queries built on whatever executor they are given: the caller builds
// them on a transaction, so the lock is held until it commits.
export const createKeyQueries = (pool: Knex | Knex.Transaction) => {
  const lockKeys = async () => pool.raw("SELECT value FROM configs WHERE key = 'keys' FOR UPDATE");
  const saveKeys = async (v: string) => pool("configs").where({ key: "keys" }).update({ value: v });
  return { lockKeys, saveKeys };
};

export async function rotateKeys(next: string) {
  await knex.transaction(async (trx) => {
    const queries = createKeyQueries(trx);
    await queries.lockKeys();
    await queries.saveKeys(next);
  });
}
