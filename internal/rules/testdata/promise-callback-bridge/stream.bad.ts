import { Writable } from "node:stream";

// Not a stream method: save's callback is the caller's, and a throw in it
// reaches the .catch, which calls it again.
export class Sink extends Writable {
  saveAll(items: string[], done: (err: Error | null) => void) {
    Promise.all(items.map((i) => fetch("https://store.example.com/" + i)))
      .then(() => done(null))
      .catch(done); // expect: promise-callback-bridge
  }
}

export function flush(sink: Sink, items: string[]) {
  sink.saveAll(items, (err) => {
    if (err) throw err;
  });
}
