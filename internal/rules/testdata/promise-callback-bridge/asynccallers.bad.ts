import { db } from "./db";

// One caller passes a plain callback that throws: its error is fed back
// into the .catch, which calls it again.
export function loadReport(id: string, callback: (err: Error | null, row?: unknown) => void): void {
  db.reports
    .findOne({ id })
    .then((row: unknown) => callback(null, row))
    .catch(callback); // expect: promise-callback-bridge
}

export function show(id: string, out: { send(body: string): void }): void {
  loadReport(id, async (err, row) => {
    out.send(err ? "error" : JSON.stringify(row));
  });
  loadReport(id, (err, row) => {
    if (err) throw err;
    out.send(JSON.stringify((row as { title: string }).title));
  });
}
