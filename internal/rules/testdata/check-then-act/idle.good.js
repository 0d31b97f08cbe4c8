const { IDLE_TIMEOUT, IDLE_GRACE } = require("./lib/session-times");

// Sliding idle time: racing requests both write "now + IDLE_TIMEOUT", the
// same moment give or take, whatever the stale read said.
async function touch(Session, sid) {
  const session = await Session.findOne({ where: { sid } });
  const now = Date.now();
  const idleIn = (session.idleAt?.getTime() || now) - now;
  if (idleIn >= 0 && idleIn < IDLE_GRACE) {
    session.idleAt = Date.now() + IDLE_TIMEOUT;
    await session.save();
  }
}

module.exports = { touch };
