const HOUR = 1000 * 60 * 60;
const IDLE_TIMEOUT = HOUR * 32;
const IDLE_GRACE = HOUR * 31;

module.exports = { HOUR, IDLE_TIMEOUT, IDLE_GRACE };
