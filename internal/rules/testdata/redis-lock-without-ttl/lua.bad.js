const Redis = require("ioredis");

const redis = new Redis();

const ACQUIRE_LOCK = "return redis.call('SET', KEYS[1], ARGV[1], 'NX')"; // expect: redis-lock-without-ttl

async function acquire(name, token) {
  return redis.eval(ACQUIRE_LOCK, 1, `lock:${name}`, token);
}

async function take(id, token) {
  return redis.eval("if redis.call('setnx', KEYS[1], ARGV[1]) == 1 then return 1 end return 0", 1, `mutex:${id}`, token); // expect: redis-lock-without-ttl
}

module.exports = { acquire, take };
