import { spawn } from "node:child_process";

// The only awaits wait for promises that cannot reject: their executors
// never call reject, and the helper catches its own errors.
async function quietStat(path: string): Promise<boolean> {
  try {
    const { stat } = await import("node:fs/promises");
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function runShell(cmd: string, cwd: string): Promise<number> {
  return new Promise(async (resolve) => {
    const exists = await quietStat(cwd);
    const child = spawn(cmd, { cwd: exists ? cwd : undefined, shell: true });
    const exited = new Promise<number>((done) => child.on("exit", (code) => done(code ?? 1)));
    resolve(await exited);
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The executor awaits only a timer wrapped in a promise.
export function settleLater<T>(value: T, ms: number): Promise<T> {
  return new Promise(async (resolve) => {
    await pause(ms);
    resolve(value);
  });
}
