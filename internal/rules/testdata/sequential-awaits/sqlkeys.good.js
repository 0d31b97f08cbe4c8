import DB from "./sqlwrapper";
import { client } from "./http";

async function getLastAudit() {
  const [rows] = await DB.query("SELECT number FROM app_state WHERE name = 'last_audit'");
  return rows[0].number;
}

async function getTip() {
  return client.get("/blocks/tip");
}

// One row by its unique key (app_state.name, declared by the migration)
// beside a request to another service: running them together saves one
// cheap lookup.
export async function auditProgress() {
  const last = await getLastAudit();
  const tip = await getTip();
  return { last, tip };
}
