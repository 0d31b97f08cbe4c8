import { Runs } from "./lib/runs";

// start() lets a database failure through; nobody handles it.
export function begin(id: number) {
  Runs.start(id); // expect: floating-promise
}

// kill() handles its own errors.
export function end(id: number) {
  Runs.kill(id);
}

// restart() awaits start(), which can reject.
export function again(id: number) {
  Runs.restart(id); // expect: floating-promise
}
