import { Pool } from "pg";

const pool = new Pool();
const owners = new Map<string, unknown[]>();

// target is not a key: the fill reads every domain that points at it, a
// scan worth one shared load.
export async function domainsByTarget(target: string) {
  const hit = owners.get(target);
  if (hit) return hit;
  const { rows } = await pool.query("SELECT * FROM domains WHERE target = $1", [target]);
  owners.set(target, rows); // expect: shared-state-across-await
  return rows;
}
