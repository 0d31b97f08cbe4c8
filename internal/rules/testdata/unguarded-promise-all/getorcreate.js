async function ensureAccount(db, apId) {
  const found = await db.accounts.findOne({ apId });
  if (found) {
    return found;
  }
  return db.accounts.insert({ apId, createdAt: new Date() }); // expect: find-or-create-race
}

// Two find-or-creates of different accounts: a failed one is completed by
// handling the activity again.
async function handleFollow(db, activity) {
  await db.activities.insert({ id: activity.id });
  const [follower, followee] = await Promise.all([ensureAccount(db, activity.actor), ensureAccount(db, activity.object)]);
  return { follower, followee };
}

module.exports = { handleFollow };
