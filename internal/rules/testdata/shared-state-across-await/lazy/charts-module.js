export function newPlot(el) {
  return el;
}
