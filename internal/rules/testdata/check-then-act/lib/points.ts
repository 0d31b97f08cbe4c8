import { pool } from "./pool";

// A data-access module: what each helper does is read from its body.
export async function pointsRow(memberId: string) {
  const { rows } = await pool.query("SELECT points FROM memberships WHERE member_id = $1", [memberId]);
  return rows[0];
}

export async function storePoints(memberId: string, points: number) {
  await pool.query("UPDATE memberships SET points = $1 WHERE member_id = $2", [points, memberId]);
}

// The write carries the check: safe at every call site.
export async function spendPointsIfEnough(memberId: string, cost: number) {
  const { rowCount } = await pool.query("UPDATE memberships SET points = points - $1 WHERE member_id = $2 AND points >= $1", [cost, memberId]);
  return rowCount === 1;
}
