import { Worker } from "node:worker_threads";

// The project runs code in worker threads, which share process.pid.
export function startPool(script: string, n: number): Worker[] {
  return Array.from({ length: n }, () => new Worker(script));
}
