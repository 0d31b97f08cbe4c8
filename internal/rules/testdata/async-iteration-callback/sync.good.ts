export function tally(orders: { total: number }[], totals: Map<string, number>) {
  orders.map(async (o) => {
    totals.set("all", (totals.get("all") ?? 0) + o.total);
  });
  return totals;
}
