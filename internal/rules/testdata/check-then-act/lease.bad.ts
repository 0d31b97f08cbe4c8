import { Pool } from "pg";

const pool = new Pool();

// Renewing a lease the check just confirmed is ours: if it expired and
// another worker took it in between, this write steals it back.
export async function renew(key: string, ownerId: string) {
  const { rows } = await pool.query("SELECT owner_id, expires_at FROM leases WHERE id = $1", [key]);
  if (rows.length === 0 || rows[0].owner_id !== ownerId) {
    throw new Error("not the owner");
  }
  await pool.query("UPDATE leases SET owner_id = $1, expires_at = NOW() + INTERVAL '30 seconds' WHERE id = $2", [ownerId, key]); // expect: check-then-act
}

// A vote checked against the voters list, then pushed: two concurrent
// votes both pass and count twice.
export async function vote(posts: any, postId: string, userId: string) {
  const post = await posts.findOne({ _id: postId });
  if (post.voters.includes(userId)) return false;
  await posts.updateOne({ _id: postId }, { $push: { voters: userId }, $inc: { votes: 1 } }); // expect: check-then-act
  return true;
}
