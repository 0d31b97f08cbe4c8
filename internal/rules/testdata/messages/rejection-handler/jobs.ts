async function sync(db: { query(sql: string): Promise<void> }): Promise<void> {
  await db.query("UPDATE accounts SET synced = now()");
}

export function start(): void {
  const db = { query: async (sql: string) => { if (!sql) throw new Error("empty"); } };
  setInterval(() => {
    sync(db);
  }, 60_000);
}
