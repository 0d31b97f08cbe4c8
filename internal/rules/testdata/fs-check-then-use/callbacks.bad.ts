import fs from "node:fs";
import type { Response } from "express";

// The read's callback ignores its error: a file removed after the check is
// answered with undefined.
export function sendReport(file: string, res: Response): void {
  fs.stat(file, (err) => {
    if (err) {
      res.status(404).end();
      return;
    }
    fs.readFile(file, "utf8", (_err, text) => { // expect: fs-check-then-use
      res.send(text);
    });
  });
}
