import { Queue } from "bullmq";
import { LRUCache } from "lru-cache";

const emails = new Queue("emails");
const seen = new Set<string>();
const recent = new LRUCache<string, boolean>({ max: 100 });

// A caught add, and adds to in-memory collections that return no promise.
export async function notify(userId: string) {
  emails.add("welcome", { userId }).catch((err) => console.error("enqueue failed", err));
  seen.add(userId);
  recent.set(userId, true);
}

// Returned: the caller waits for it.
export function enqueue(userId: string) {
  return emails.add("welcome", { userId });
}
