import fs from "node:fs";

type Done = (err: NodeJS.ErrnoException | null, data?: Buffer) => void;

// The error goes on to the caller's callback.
export function readCert(file: string, done: Done): void {
  fs.access(file, (err) => {
    if (err) {
      done(err);
      return;
    }
    fs.readFile(file, done);
  });
}
