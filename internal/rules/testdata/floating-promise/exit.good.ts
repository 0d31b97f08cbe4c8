import { Pool } from "pg";

export function closeOnExit(pool: Pool): void {
  process.on("exit", async () => {
    await pool.end();
  });
}
