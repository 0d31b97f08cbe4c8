import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { MongoClient } from "mongodb";
import { Pool } from "pg";

const ddb = new DynamoDB({});
const pool = new Pool();

// Per-instance client memoisation is fine: each instance needs its own.
let client: MongoClient | undefined;
let connected = false;

async function db() {
  if (!connected) {
    client = new MongoClient(process.env.MONGO_URL ?? "mongodb://127.0.0.1");
    await client.connect();
    connected = true;
  }
  return client!.db("app");
}

// Reading configuration once per instance changes nothing shared.
let configLoaded = false;
let config: Record<string, string> = {};

async function loadConfig() {
  if (!configLoaded) {
    const res = await fetch("http://127.0.0.1:9000/config");
    config = await res.json();
    configLoaded = true;
  }
  return config;
}

// The flag only caches the result of an atomic claim.
let claimed = false;

async function claimInit(jobId: string) {
  if (!claimed) {
    await ddb.putItem({
      TableName: "distributed-locks",
      Item: { pk: { S: `init:${jobId}` } },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    claimed = true;
  }
}

// Idempotent DDL: every instance may run it.
let tableReady = false;

async function ensureTable() {
  if (!tableReady) {
    await pool.query("CREATE TABLE IF NOT EXISTS jobs (id text PRIMARY KEY)");
    tableReady = true;
  }
}

export const handler = async (event: { jobId: string }) => {
  await claimInit(event.jobId);
  await ensureTable();
  const cfg = await loadConfig();
  const database = await db();
  await database.collection("jobs").insertOne({ _id: event.jobId, region: cfg.region } as never);
  return { ok: true };
};
