import { Pool } from "pg";
import { bot } from "./bot";

const pool = new Pool();
let schemaReady = false;

async function ensureSchema() {
  await pool.query("CREATE TABLE events (id text PRIMARY KEY, body jsonb)");
  await pool.query("CREATE INDEX events_body ON events USING gin (body)");
}

export async function POST(request: Request) {
  if (schemaReady === false) { // expect: in-process-once
    await ensureSchema();
    schemaReady = true;
  }
  const body = await request.json();
  await pool.query("INSERT INTO events (id, body) VALUES ($1, $2) ON CONFLICT DO NOTHING", [body.id, body]);
  return Response.json({ ok: true });
}

let webhookSet = false;

export async function GET() {
  if (!webhookSet) { // expect: in-process-once
    await bot.api.setWebhook(`${process.env.PUBLIC_URL}/api/bot`);
    webhookSet = true;
  }
  return new Response("ok");
}
