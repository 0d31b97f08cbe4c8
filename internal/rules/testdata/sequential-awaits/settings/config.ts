import { Redis } from "ioredis";

const redis = new Redis();

// The same in TypeScript: a getter that calls itself through exports.
export async function getSetting(key: string): Promise<string | null> {
  const value = await redis.hget("settings", key);
  if (value === "@inherit") {
    return getSetting("default:" + key);
  }
  return value;
}

export async function mailConfig(): Promise<{ from: string | null; replyTo: string | null }> {
  const from = await getSetting("mailFrom");
  const replyTo = await getSetting("mailReplyTo");
  return { from, replyTo };
}

export async function limits(): Promise<(string | null)[]> {
  const a = await getSetting("limitA"); // expect: sequential-awaits
  const b = await getSetting("limitB");
  const c = await getSetting("limitC");
  return [a, b, c];
}
