type DB = { query(sql: string, args?: unknown[]): Promise<void> };

// Rejects on purpose: a caller that drops its promise loses the check.
async function sync(db: DB, id: string): Promise<void> {
  if (!id) throw new Error("no account to sync");
  await db.query("UPDATE accounts SET synced = now() WHERE id = $1", [id]);
}

// Rejects only when the database fails: the handler in main.ts logs it.
async function touch(db: DB): Promise<void> {
  await db.query("UPDATE heartbeat SET at = now()");
}

// Rejects only when the database fails, but leaves the flag set for
// good when it does: every later refresh is skipped.
let refreshing = false;
async function refresh(db: DB): Promise<void> {
  if (refreshing) return;
  refreshing = true;
  await db.query("REFRESH MATERIALIZED VIEW stats");
  refreshing = false;
}

export function start(db: DB, id: string): void {
  setInterval(() => {
    sync(db, id);
    touch(db);
    refresh(db);
  }, 60_000);
}
