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

module.exports = { claimJob, resetPassword, redeemNonce, redeemInvite };
