import { loadCharts } from "./lazy/imports";

let Charts: { newPlot(el: unknown): unknown } | undefined;

// Racing first draws each store the one module import() loaded: nothing is
// lost.
export async function draw(el: unknown) {
  Charts = Charts || (await loadCharts());
  return Charts.newPlot(el);
}
