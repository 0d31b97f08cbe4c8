import DB from "./sqlwrapper";
import { client } from "./http";

async function countBlocks(since: number) {
  const [rows] = await DB.query("SELECT COUNT(*) AS n FROM blocks WHERE height > ?", [since]);
  return rows;
}

async function getFeeAverages() {
  const [rows] = await DB.query("SELECT AVG(fee) AS fee FROM blocks GROUP BY height DIV 144");
  return rows;
}

async function getStateByNumber(n: number) {
  const [rows] = await DB.query("SELECT name FROM app_state WHERE number = ?", [n]);
  return rows;
}

async function getTip() {
  return client.get("/blocks/tip");
}

// Two aggregates sent through the wrapper: each reads many rows.
export async function statistics(since: number) {
  const counts = await countBlocks(since); // expect: sequential-awaits
  const fees = await getFeeAverages();
  return { counts, fees };
}

// app_state is looked up by number, which no key covers: a scan beside a
// request to another service.
export async function progress(n: number) {
  const rows = await getStateByNumber(n); // expect: sequential-awaits
  const tip = await getTip();
  return { rows, tip };
}
