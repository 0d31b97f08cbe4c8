// A script module shared by the fixtures: it has no finding of its own.
const TOUCH_SCRIPT = "return redis.call('PEXPIRE', KEYS[1], ARGV[1])";

module.exports = { TOUCH_SCRIPT };
