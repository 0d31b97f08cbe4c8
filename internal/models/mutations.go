package models

// MutationVerbs are the words that name a change to a store or another
// service: a database row, a cache entry, a payment, a message sent. A call
// is a mutation when its name begins with one (updateItem, insert,
// capturePayment) or, for APIs that put the noun first, ends with one
// (sortedSetAdd, cacheDelete).
var MutationVerbs = map[string]bool{
	"update": true, "insert": true, "delete": true, "del": true, "save": true, "create": true,
	"remove": true, "destroy": true, "upsert": true, "set": true, "put": true, "patch": true,
	"replace": true, "write": true, "add": true, "append": true, "persist": true, "store": true,
	"increment": true, "incr": true, "decrement": true, "decr": true, "capture": true,
	"charge": true, "refund": true, "transfer": true, "debit": true, "credit": true,
	"withdraw": true, "deposit": true, "pay": true, "cancel": true, "void": true,
	"reserve": true, "release": true, "assign": true, "unassign": true, "attach": true,
	"detach": true, "archive": true, "restore": true,
	"mark": true, "move": true, "rename": true,
	"sadd": true, "srem": true, "zadd": true, "zrem": true, "hset": true, "hdel": true,
	"lpush": true, "rpush": true, "hincrby": true, "incrby": true, "decrby": true,
}

// RelativeVerbs begin the names of writes whose result depends on the
// value they change, or that move money or stock: running one twice is
// not running it once (incrementViews, decrementStock, chargeCard).
var RelativeVerbs = map[string]bool{
	"increment": true, "incr": true, "decrement": true, "decr": true, "incrby": true, "decrby": true,
	"hincrby": true, "capture": true, "charge": true, "refund": true, "transfer": true, "debit": true,
	"credit": true, "withdraw": true, "deposit": true, "pay": true, "reserve": true, "append": true,
	"lpush": true, "rpush": true,
}

// readVerbs begin names that only read, unless a later word writes
// (findOneAndUpdate, getOrCreate).
var readVerbs = map[string]bool{
	"get": true, "find": true, "fetch": true, "load": true, "read": true, "list": true,
	"count": true, "lookup": true, "select": true, "exists": true, "has": true, "is": true,
	"query": true, "search": true, "retrieve": true, "check": true, "validate": true,
}

// IsMutation reports whether a method or function name says it changes
// external state.
func IsMutation(name string) bool {
	if name == "post" {
		return true // an HTTP POST: axios.post, api.post
	}
	ws := Words(name)
	if len(ws) == 0 {
		return false
	}
	if readVerbs[ws[0]] {
		for i := 1; i+1 < len(ws); i++ {
			if (ws[i] == "and" || ws[i] == "or") && MutationVerbs[ws[i+1]] {
				return true // getOrCreate, findOneAndUpdate
			}
		}
		return false
	}
	if MutationVerbs[ws[0]] {
		return true
	}
	return len(ws) > 1 && trailingMutationVerbs[ws[len(ws)-1]]
}

// trailingMutationVerbs end noun-first names of writes (sortedSetAdd,
// cacheDelete); words that are also nouns (set, store, charge) do not
// count there: processSortedSet reads.
var trailingMutationVerbs = map[string]bool{
	"add": true, "remove": true, "delete": true, "del": true, "append": true, "update": true,
	"insert": true, "create": true, "save": true, "increment": true, "decrement": true,
	"incr": true, "decr": true, "destroy": true, "upsert": true, "rename": true, "persist": true,
}

// idempotentVerbs begin the names of writes that leave the same state when
// run twice: they set a value, or remove one.
var idempotentVerbs = map[string]bool{
	"set": true, "put": true, "patch": true, "upsert": true, "replace": true, "mark": true, "hset": true,
	"mset": true, "hmset": true, "sadd": true, "zadd": true, "srem": true, "zrem": true,
	"hdel": true, "delete": true, "del": true, "remove": true, "destroy": true, "unlink": true,
	"detach": true, "unassign": true, "clear": true, "purge": true, "expire": true,
	"recalculate": true, "recompute": true, "refresh": true, "rebuild": true, "reindex": true,
}

// IsIdempotentMutation reports whether a mutation's name says that running
// it again is harmless: setX, put, upsert, deleteX, adding to or removing
// from a set (sortedSetAdd, setRemove), and recomputing a value from its
// source (recalculateTotals, updateCountFromItems). Creating, inserting,
// incrementing, appending, charging or updating with a computed value are
// not: a batch of them that fails half way cannot simply be run again.
func IsIdempotentMutation(name string) bool {
	ws := Words(name)
	if len(ws) == 0 {
		return false
	}
	if idempotentVerbs[ws[0]] {
		return true
	}
	for i := 1; i+1 < len(ws); i++ {
		if ws[i] == "or" && (ws[i+1] == "create" || ws[i+1] == "update" || ws[i+1] == "insert") {
			return true // updateOrCreateRelease, createOrUpdate: an upsert
		}
	}
	if ws[0] == "update" {
		for _, w := range ws[1:] {
			if w == "from" {
				return true // updateLastPostTimeFromLastPid: recomputed from its source
			}
		}
	}
	last := ws[len(ws)-1]
	if last == "delete" || last == "remove" || last == "del" || last == "destroy" || last == "clear" || last == "purge" {
		return true
	}
	if last == "add" {
		for _, w := range ws[:len(ws)-1] {
			if w == "set" || w == "sets" {
				return true // sortedSetAdd: set members are unique
			}
		}
	}
	return false
}

// LocalStoreModules are the modules whose calls change this machine's
// files or the browser's storage, not records other processes share.
var LocalStoreModules = map[string]bool{
	"fs": true, "fs/promises": true, "node:fs": true, "node:fs/promises": true,
	"fs-extra": true, "graceful-fs": true, "rimraf": true, "del": true, "mkdirp": true,
	"idb-keyval": true, "localforage": true, "idb": true,
}

// TransactionHandleNames are the names by which code passes a transaction
// or a single connection on: a call made through one, or given one
// ({ transaction: t }, { session }), runs inside the caller's transaction.
// A Redis MULTI or pipeline queues its commands and runs them together.
// Frameworks also carry the request's transaction in a context object:
// Vendure's RequestContext (ctx), Medusa's sharedContext.
var TransactionHandleNames = map[string]bool{
	"tx": true, "trx": true, "transaction": true, "transactionManager": true, "t": true,
	"queryRunner": true, "manager": true, "em": true, "entityManager": true, "session": true,
	"transacting": true, "multi": true, "pipeline": true, "ctx": true, "sharedContext": true,
}

// httpWriteMethods are the HTTP verbs API clients name their methods by
// (client.post, api.put, axios.patch).
var httpWriteMethods = map[string]bool{"post": true, "put": true, "patch": true}

// IsHTTPWriteMethod reports a method named by an HTTP verb that writes.
func IsHTTPWriteMethod(method string) bool { return httpWriteMethods[method] }

// requestTransactionAPIs are APIs whose calls, given the request object
// in an option, run in the transaction the request carries: Payload's
// Local API (payload.update({ collection, id, data, req })), keyed by the
// receiver's name and the option's key.
var requestTransactionAPIs = map[string]string{"payload": "req"}

// RequestTransactionOption returns the option key that hands a call of an
// API reached through receiver the request's transaction, or "".
func RequestTransactionOption(receiver string) string { return requestTransactionAPIs[receiver] }

// absoluteUpdateOperators are MongoDB update operators that set or remove
// fields to given values: running the update again leaves the same.
var absoluteUpdateOperators = nameSet("$set", "$unset", "$setOnInsert")

// AbsoluteUpdateOperator reports a MongoDB update operator that sets or
// removes fields to given values ($set, $unset, $setOnInsert).
func AbsoluteUpdateOperator(key string) bool { return absoluteUpdateOperators[key] }

// relativeUpdateKeys are keys of an update's value that change a field by
// an amount from its current value: MongoDB's $inc and $push, Prisma's
// { increment: 1 } and { decrement: 1 }.
var relativeUpdateKeys = nameSet("$inc", "$push", "increment", "decrement")

// RelativeUpdateKey reports a key of an update's value that changes a
// field from its current value ($inc, $push, increment, decrement).
func RelativeUpdateKey(key string) bool { return relativeUpdateKeys[key] }
