import * as Fse from "fs-extra";

function wrap(fn: (err?: Error) => void) {
  return (err?: Error) => fn(err);
}

// Without a callback, fs-extra returns a promise; the options object and a
// call that returns options are no callbacks.
export function rotate(dir: string, opts: () => { overwrite: boolean }) {
  setInterval(() => {
    Fse.move(dir + ".1", dir + ".2", opts()); // expect: floating-promise
  }, 60_000);
  setTimeout(() => {
    Fse.remove(dir + ".3", wrap((err) => console.error(err)));
  }, 1000);
}
