const fs = require("fs/promises");

class PartialUpdateError extends Error {
  constructor(failures) {
    super(`${failures.length} updates failed`);
    this.failures = failures;
  }
}

async function updateAll(items, updateItem) {
  const results = await Promise.allSettled(items.map((item) => updateItem(item)));
  const failures = results.filter((r) => r.status === "rejected");
  if (failures.length > 0) {
    throw new PartialUpdateError(failures.map((f) => f.reason));
  }
}

// Deleting or setting values: running the batch again finishes it.
async function invalidate(redis, keys) {
  await Promise.all(keys.map((k) => redis.del(k)));
}

async function setFlags(db, ids) {
  await Promise.all(ids.map((id) => db.setObjectField(`user:${id}`, "verified", 1)));
}

// Local files, not shared records.
async function writeReports(reports) {
  await Promise.all(reports.map((r) => fs.writeFile(r.path, r.body)));
}

// Messages are not records left half written.
async function notifyAll(mailer, users) {
  await Promise.all(users.map(async (u) => mailer.send(u.email, "Your report is ready")));
}

// A Redis MULTI runs the queued commands together.
async function enqueue(redis, jobs) {
  const multi = redis.multi();
  await Promise.all(jobs.map((j) => addJob(multi, j)));
  await multi.exec();
}

async function addJob(multi, job) {
  multi.lpush("jobs", JSON.stringify(job));
}

// Recomputing derived values from their source: running it again fixes it.
async function refreshCategories(categories, cids) {
  await Promise.all(cids.map((cid) => categories.updateCountFromTopics(cid)));
}

// Statistics and presence: a missed increment leaves no record inconsistent.
async function track(analytics, user, uid) {
  await Promise.all([analytics.increment("pageviews"), user.updateOnlineTime(uid)]);
}

module.exports = { refreshCategories, track, updateAll, invalidate, setFlags, writeReports, notifyAll, enqueue, PartialUpdateError };
