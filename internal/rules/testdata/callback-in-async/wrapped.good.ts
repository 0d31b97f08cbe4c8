import { readFile } from "fs/promises";
import { exec } from "child_process";

export async function loadTemplate(name: string): Promise<string> {
  return readFile(`templates/${name}.html`, "utf8");
}

export async function revision(): Promise<string> {
  return new Promise((resolve, reject) => {
    exec("git rev-parse HEAD", (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      resolve(stdout.trim());
    });
  });
}

export function revisionCallback(done: (err: Error | null, rev?: string) => void): void {
  exec("git rev-parse HEAD", (error, stdout) => {
    if (error) throw error;
    done(null, stdout.trim());
  });
}
