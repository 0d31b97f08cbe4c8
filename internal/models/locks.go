package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Redis clients and distributed locks, Postgres connections and advisory
// locks, as data.

// RedisPackages are the modules whose clients speak Redis commands.
var RedisPackages = map[string]bool{
	"ioredis":        true,
	"iovalkey":       true,
	"redis":          true,
	"@redis/client":  true,
	"@upstash/redis": true,
	"@vercel/kv":     true,
}

// RedisFactories construct or return a Redis client: new Redis(),
// new IORedis(), new Cluster(), new Redis.Cluster(), createClient(),
// createCluster(), Redis.fromEnv() (Upstash), createKV (@vercel/kv).
var RedisFactories = map[string]bool{
	"Redis":         true,
	"IORedis":       true,
	"Valkey":        true,
	"Cluster":       true,
	"createClient":  true,
	"createCluster": true,
	"fromEnv":       true,
	"createKV":      true,
}

// IsRedisName reports whether an identifier names a Redis client by
// convention: redis, redisClient, this.redis, valkey, kv.
func IsRedisName(name string) bool {
	l := strings.ToLower(name)
	return strings.Contains(l, "redis") || strings.Contains(l, "valkey") || l == "kv" || l == "upstash"
}

// RedisMultiMethods start a MULTI transaction or a pipeline whose commands
// are queued on the returned object.
var RedisMultiMethods = map[string]bool{"multi": true, "MULTI": true, "pipeline": true}

// RedisDeleteMethods delete keys unconditionally.
var RedisDeleteMethods = map[string]bool{
	"del": true, "DEL": true, "unlink": true, "UNLINK": true,
	"getdel": true, "getDel": true, "GETDEL": true,
}

// RedisSetNXMethods set a key only when it is absent, with no expiry.
var RedisSetNXMethods = map[string]bool{"setnx": true, "setNX": true, "SETNX": true}

// RedisExpireMethods give an existing key a time to live.
var RedisExpireMethods = map[string]bool{
	"expire": true, "EXPIRE": true, "pexpire": true, "pExpire": true, "PEXPIRE": true,
	"expireat": true, "expireAt": true, "EXPIREAT": true, "pexpireat": true, "pExpireAt": true, "PEXPIREAT": true,
}

// RedisRawCommandMethods send a command given as its words:
// redis.call("SET", k, v, "NX"), client.sendCommand(["SET", k, v, "NX"]).
var RedisRawCommandMethods = map[string]bool{
	"call": true, "callBuffer": true, "send_command": true, "sendCommand": true, "command": false,
}

// RedisWatchMethods start optimistic concurrency on keys: a MULTI after
// WATCH fails when a watched key changed, which makes GET-compare-DEL safe.
var RedisWatchMethods = map[string]bool{"watch": true, "WATCH": true}

// RedisGetMethods read a string key.
var RedisGetMethods = map[string]bool{"get": true, "GET": true}

// SetTTLWords are the SET options that give the key a time to live,
// positional (ioredis: "PX", 30000) or as option keys (node-redis:
// { PX: 30000 }, Upstash: { px: 30000 }). KEEPTTL keeps an existing TTL
// and so sets none on a new key.
var SetTTLWords = map[string]bool{"PX": true, "EX": true, "PXAT": true, "EXAT": true}

// SetFlag classifies one SET option word, case-insensitively: "nx", "ttl",
// "keepttl" or "" for others (XX, GET).
func SetFlag(word string) string {
	w := strings.ToUpper(word)
	switch {
	case w == "NX":
		return "nx"
	case SetTTLWords[w]:
		return "ttl"
	case w == "KEEPTTL":
		return "keepttl"
	}
	return ""
}

// RedlockPackages are the Redlock implementations: redlock's
// using(resources, duration, [settings], routine) passes the routine an
// AbortSignal that fires when the lock could not be extended.
var RedlockPackages = map[string]bool{"redlock": true, "@sesamecare-oss/redlock": true}

// IsRedlockName reports whether an identifier names a Redlock instance.
func IsRedlockName(name string) bool {
	return strings.Contains(strings.ToLower(name), "redlock")
}

// Postgres drivers, pools and checked-out clients.

// PgPoolPackages are the modules whose Pool (or default export) hands each
// query to any idle connection.
var PgPoolPackages = map[string]bool{"pg": true, "pg-pool": true, "@neondatabase/serverless": true, "@vercel/postgres": true}

// PooledFactories construct database handles that run each query on a
// connection taken from a pool: new Pool() (pg), knex(...), new PrismaClient(),
// new Sequelize(), new DataSource() (TypeORM), postgres(...) (postgres.js),
// pgp(...) (pg-promise), drizzle(...), createPool.
var PooledFactories = map[string]bool{
	"Pool":         true,
	"createPool":   true,
	"knex":         true,
	"Knex":         true,
	"PrismaClient": true,
	"Sequelize":    true,
	"DataSource":   true,
	"postgres":     true,
	"drizzle":      true,
}

// PooledNames are receiver names that denote a pooled handle by
// convention: pool, knex, prisma, sequelize, dataSource, entityManager.
var PooledNames = map[string]bool{
	"pool":          true,
	"pgPool":        true,
	"dbPool":        true,
	"knex":          true,
	"prisma":        true,
	"sequelize":     true,
	"dataSource":    true,
	"entityManager": true,
}

// IsPooledName reports whether a receiver name denotes a pooled handle.
func IsPooledName(name string) bool {
	if PooledNames[name] {
		return true
	}
	l := strings.ToLower(name)
	return strings.HasSuffix(l, "pool") || strings.HasPrefix(l, "pool")
}

// ClientCheckoutMethods take one connection out of a pool: pool.connect()
// (pg), pool.getConnection() (mysql), dataSource.createQueryRunner()
// (TypeORM), sql.reserve() (postgres.js), knex.client.acquireConnection().
var ClientCheckoutMethods = map[string]bool{
	"connect":           true,
	"getConnection":     true,
	"createQueryRunner": true,
	"reserve":           true,
	"acquireConnection": true,
}

// ClientReleaseMethods give a checked-out connection back to its pool
// (release, done) or close it (end, destroy). release(true) and
// release(err) destroy the connection, which ends its session locks.
var ClientReleaseMethods = map[string]bool{"release": true, "done": true}

// QueryMethods send SQL: query (pg, mysql, TypeORM), raw (knex),
// $queryRaw/$executeRaw (Prisma), execute (MikroORM, drizzle), unsafe
// (postgres.js), none/one/any/many/oneOrNone (pg-promise).
var QueryMethods = map[string]bool{
	"query": true, "raw": true, "execute": true, "unsafe": true,
	"$queryRaw": true, "$executeRaw": true, "$queryRawUnsafe": true, "$executeRawUnsafe": true,
	"none": true, "one": true, "oneOrNone": true, "any": true, "many": true, "manyOrNone": true,
}

// AdvisoryKind classifies a Postgres advisory-lock function name as
// returned by sqltext (lower case): "session" for pg_advisory_lock,
// pg_try_advisory_lock and their _shared forms, "xact" for the
// transaction-level forms, "unlock" for pg_advisory_unlock(_shared/_all).
func AdvisoryKind(fn string) string {
	switch {
	case strings.Contains(fn, "unlock"):
		return "unlock"
	case strings.Contains(fn, "xact"):
		return "xact"
	case strings.Contains(fn, "advisory_lock"):
		return "session"
	}
	return ""
}

// FactoryName returns the name a callee is known by: the identifier of
// f(...), the property of x.f(...), the constructor of new F(...).
func FactoryName(n syntax.Node) string {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KCallExpression):
		n = n.Child(syntax.FFunction).Unparen()
	case n.Is(syntax.KNewExpression):
		n = n.Child(syntax.FConstructor).Unparen()
	}
	switch {
	case n.Is(syntax.KIdentifier):
		return n.Text()
	case n.Is(syntax.KMemberExpression):
		return n.Child(syntax.FProperty).Text()
	}
	return ""
}

// RedisIncrMethods increment or decrement a counter, creating it (with no
// time to live) when the key is absent: ioredis lower case, node-redis v4
// camelCase.
var RedisIncrMethods = map[string]bool{
	"incr": true, "INCR": true, "incrby": true, "incrBy": true, "INCRBY": true,
	"incrbyfloat": true, "incrByFloat": true, "INCRBYFLOAT": true,
	"decr": true, "DECR": true, "decrby": true, "decrBy": true, "DECRBY": true,
	"hincrby": true, "hIncrBy": true, "HINCRBY": true, "hincrbyfloat": true, "hIncrByFloat": true, "HINCRBYFLOAT": true,
	"zincrby": true, "zIncrBy": true, "ZINCRBY": true,
}

// RedisTTLReadMethods read a key's remaining time to live.
var RedisTTLReadMethods = map[string]bool{"ttl": true, "TTL": true, "pttl": true, "pTTL": true, "PTTL": true, "expiretime": true, "expireTime": true}

// RedisEvalMethods run a Lua script given as text or by its SHA1, with the
// number of keys then keys and arguments (ioredis), or with
// { keys, arguments } (node-redis v4).
var RedisEvalMethods = map[string]bool{
	"eval": true, "EVAL": true, "evalsha": true, "evalSha": true, "EVALSHA": true,
	"eval_ro": true, "evalRo": true, "evalsha_ro": true, "evalShaRo": true,
}

// RedisDefineCommandMethods register a Lua script as a client method:
// ioredis redis.defineCommand(name, { numberOfKeys, lua }).
var RedisDefineCommandMethods = map[string]bool{"defineCommand": true}

// RedisExpireCommand reports whether a command word (any case) changes a
// key's time to live.
func RedisExpireCommand(word string) bool {
	switch strings.ToUpper(word) {
	case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT":
		return true
	}
	return false
}

// RedisIncrCommand reports whether a command word (any case) increments a
// counter.
func RedisIncrCommand(word string) bool {
	return RedisIncrMethods[strings.ToUpper(word)]
}

// redisWriteCommands create or overwrite a key's value (upper case).
var redisWriteCommands = map[string]bool{
	"SET": true, "SETNX": true, "SETEX": true, "PSETEX": true, "GETSET": true, "MSET": true,
	"HSET": true, "HMSET": true, "HSETNX": true, "SADD": true, "ZADD": true, "LPUSH": true, "RPUSH": true,
	"APPEND": true, "INCR": true, "INCRBY": true, "INCRBYFLOAT": true, "DECR": true, "DECRBY": true,
	"HINCRBY": true, "HINCRBYFLOAT": true, "ZINCRBY": true,
}

// RedisWriteCommand reports whether a command word or method name (any
// case: set, hSet, HINCRBY) writes a key's value.
func RedisWriteCommand(word string) bool {
	return redisWriteCommands[strings.ToUpper(word)]
}
