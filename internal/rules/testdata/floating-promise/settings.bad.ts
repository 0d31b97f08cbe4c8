import { applySetting } from "./settings.good";

// The assistant branch posts and can reject: dropped in a timer.
export function syncEvery(ms: number, next: () => { id: string }) {
  setInterval(() => {
    applySetting(next(), "assistant"); // expect: floating-promise
  }, ms);
}
