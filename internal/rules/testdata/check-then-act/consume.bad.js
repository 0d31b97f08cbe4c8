// A job claimed by reading its state: two workers both see it queued, both
// move it to running and both deliver it.
async function claimJob(pool, id) {
  const { rows } = await pool.query("SELECT state, payload FROM jobs WHERE id = $1", [id]);
  if (rows.length === 0 || rows[0].state !== "queued") return;
  await pool.query("UPDATE jobs SET state = 'running' WHERE id = $1", [id]); // expect: check-then-act
  await pool.query("INSERT INTO deliveries (job_id, payload) VALUES ($1, $2)", [id, rows[0].payload]);
}

// A password-reset token looked up, used, and removed afterwards.
async function resetPassword(Token, User, token, hash) {
  const found = await Token.findOne({ token });
  if (!found || found.expiresAt < Date.now()) throw new Error("invalid token");
  await User.create({ email: found.email, hash });
  await Token.deleteOne({ token }); // expect: check-then-act
}

module.exports = { claimJob, resetPassword };

// Checked as not running, then set running: the same claim.
async function startExport(pool, id) {
  const { rows } = await pool.query("SELECT state FROM exports WHERE id = $1", [id]);
  if (rows[0].state === "running") return;
  await pool.query("UPDATE exports SET state = 'running' WHERE id = $1", [id]); // expect: check-then-act
  await pool.query("INSERT INTO export_runs (export_id) VALUES ($1)", [id]);
}

// The delete's result lands in a variable that is only overwritten, never
// read: nothing tells the two requests apart.
async function removeAlias(db, aliasId, userId) {
  const alias = await db.collection("aliases").findOne({ _id: aliasId });
  if (!alias || String(alias.user) !== String(userId)) throw new Error("not found");
  let r;
  r = await db.collection("aliases").deleteOne({ _id: aliasId }); // expect: check-then-act
  r = null;
  await db.collection("events").insertOne({ type: "alias-deleted", alias: alias.address });
}
