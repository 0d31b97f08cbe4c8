import { spawn } from "node:child_process";
import { Pool } from "pg";

// A child process's exit event runs its listener in this live process: a
// rejection of the record write is unhandled here.
export function runJob(pool: Pool, jobId: string): void {
  const child = spawn("node", ["job.js", jobId]);
  child.on("exit", async (code) => { // expect: floating-promise
    await pool.query("UPDATE jobs SET exit_code = $1 WHERE id = $2", [code, jobId]);
  });
}
