// The claim is one conditional statement whose row count decides.
async function claimJob(pool, id) {
  const res = await pool.query(
    "UPDATE jobs SET state = 'running' WHERE id = $1 AND state = 'queued' RETURNING payload",
    [id],
  );
  if (res.rowCount === 0) return;
  await pool.query("INSERT INTO deliveries (job_id, payload) VALUES ($1, $2)", [id, res.rows[0].payload]);
}

// findOneAndDelete consumes the token and returns it in one step.
async function resetPassword(Token, User, token, hash) {
  const found = await Token.findOneAndDelete({ token });
  if (!found || found.expiresAt < Date.now()) throw new Error("invalid token");
  await User.create({ email: found.email, hash });
}

// GETDEL: only one request gets the nonce.
async function redeemNonce(redis, Session, nonce, userId) {
  const stored = await redis.getdel(`nonce:${nonce}`);
  if (stored !== userId) throw new Error("bad nonce");
  await Session.create({ userId });
}

// The delete's count decides.
async function redeemInvite(Invite, Member, code, userId) {
  const invite = await Invite.findOne({ code });
  if (!invite || invite.expiresAt < Date.now()) throw new Error("invalid");
  const { deletedCount } = await Invite.deleteOne({ code });
  if (deletedCount !== 1) throw new Error("already used");
  await Member.create({ teamId: invite.teamId, userId });
}

// The delete's result is kept in a variable declared before it, and only
// the request whose delete removed the address announces it.
async function removeAddress(db, publish, addressId, userId) {
  const address = await db.collection("addresses").findOne({ _id: addressId });
  if (!address || String(address.user) !== String(userId)) throw new Error("not found");
  let r;
  try {
    r = await db.collection("addresses").deleteOne({ _id: addressId });
  } catch (err) {
    throw new Error("MongoDB error: " + err.message);
  }
  if (r.deletedCount) {
    await db.collection("events").insertOne({ type: "address-deleted", address: address.address });
  }
}

module.exports = { claimJob, resetPassword, redeemNonce, redeemInvite, removeAddress };
