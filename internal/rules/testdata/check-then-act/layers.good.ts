import { pointsRow, spendPointsIfEnough } from "./lib/points";

// The helper's write carries the condition and its row count is checked.
export async function redeemReward(memberId: string, cost: number) {
  const row = await pointsRow(memberId);
  if (row.points < cost) throw new Error("not enough points");
  if (!(await spendPointsIfEnough(memberId, cost))) throw new Error("not enough points");
}
