package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Latency is a rough class of how long an awaited call keeps its caller
// waiting. The values are weights: what running calls together saves is
// the sum of their latencies less the largest.
type Latency int

// Latency classes.
const (
	// LatencyNone is a call answered in memory: no I/O.
	LatencyNone Latency = 0
	// LatencyLookup is one store round trip for one record by its key:
	// a primary-key find, a Redis GET, a DynamoDB GetItem.
	LatencyLookup Latency = 1
	// LatencyScan is one store round trip that reads many records or
	// counts them, or runs SQL whose plan is not known.
	LatencyScan Latency = 2
	// LatencyRemote is a request to another service (HTTP), or a call
	// whose work cannot be seen.
	LatencyRemote Latency = 10
)

// scanMethods read, count or aggregate many records in one call.
var scanMethods = storeNames("findMany", "findAll", "find", "findBy", "findAndCount", "findAndCountAll",
	"count", "countBy", "countDocuments", "estimatedDocumentCount", "aggregate", "groupBy", "distinct",
	"query", "scan", "search", "list", "paginate", "findAndCountBy")

// DatabaseKind reports the store kinds that reach a database (not a
// cache, a remote API or a helper).
func DatabaseKind(k StoreKind) bool {
	return k == StoreSQL || k == StorePrisma || k == StoreORM || k == StoreBuilder
}

// ReadLatency classifies a store read by the work its call asks of the
// store. byKey says the read picks one record by a whole unique key: a
// SQL or query-builder read so made, on one table, is a lookup rather
// than a scan.
func ReadLatency(a *Access, byKey bool) Latency {
	switch a.Kind {
	case StoreHTTP, StoreHelper:
		return LatencyRemote
	case StoreRedis:
		return LatencyLookup
	case StoreSQL, StoreBuilder:
		if byKey && (a.SQL == nil || !a.SQL.Joins()) {
			return LatencyLookup
		}
		return LatencyScan
	}
	if scanMethods[a.Method] {
		return LatencyScan
	}
	return LatencyLookup
}

// storeModules are the packages whose clients talk to a database or a
// cache besides the drivers of engines.go and the Redis clients of
// store.go: ORMs, query builders and their framework adapters. A read
// through one is a store round trip; a read-like method of any other
// package's client (openai.files.list) is a request to that package's
// service.
var storeModules = storeNames("@prisma/client", "kysely", "objection", "drizzle-orm", "@mikro-orm/core",
	"@vercel/kv", "@nestjs/mongoose", "@nestjs/sequelize", "@mikro-orm/nestjs")

// StoreModule reports whether a package's clients are database or cache
// clients. Subpaths count as their package (drizzle-orm/node-postgres).
func StoreModule(spec string) bool {
	is := func(s string) bool {
		return storeModules[s] || ormConfigModules[s] || redisModules[s] || ModuleEngine(s) != EngineUnknown || URLClientModule(s)
	}
	return is(spec) || is(packageOf(spec))
}

// computeModules are packages whose functions work on data already in
// memory, on the one JavaScript thread: awaiting them together saves no
// time (pdf-lib's PDFDocument.load parses bytes, prettier's format formats
// text), and a set or merge of theirs changes a value, not a store
// (lodash's set(obj, path, value)).
var computeModules = storeNames("pdf-lib", "prettier", "@pdf-lib/fontkit", "mathjs",
	// Utility libraries whose set, unset, update and merge change a value
	// in memory, not a store.
	"lodash", "lodash-es", "lodash.set", "lodash.unset", "lodash.update", "lodash.merge", "ramda",
	"dot-prop", "object-path", "immer",
	// Cookie helpers read and sign the request's and response's headers
	// (getSignedCookie verifies an HMAC locally): no I/O.
	"cookies-next", "hono/cookie", "cookie", "cookie-signature")

// ComputeModule reports whether a package's functions compute in memory.
func ComputeModule(spec string) bool {
	return computeModules[spec] || computeModules[packageOf(spec)]
}

// packageOf returns the package a specifier names: "drizzle-orm" for
// "drizzle-orm/node-postgres", "@prisma/client" for "@prisma/client/edge".
func packageOf(spec string) string {
	parts := strings.SplitN(spec, "/", 3)
	switch {
	case strings.HasPrefix(spec, "@") && len(parts) >= 2:
		return parts[0] + "/" + parts[1]
	case !strings.HasPrefix(spec, "@"):
		return parts[0]
	}
	return spec
}

// valueGlobals are the built-in objects whose functions compute a value
// in memory.
var valueGlobals = storeNames("JSON", "Object", "Array", "Math", "Number", "String", "Date", "Buffer", "Reflect",
	"structuredClone", "parseInt", "parseFloat", "encodeURIComponent", "decodeURIComponent", "Boolean", "BigInt")

// valueMethods are methods of arrays and strings that compute a value.
var valueMethods = storeNames("map", "filter", "reduce", "flatMap", "flat", "slice", "concat", "join", "sort",
	"toSorted", "reverse", "includes", "indexOf", "some", "every", "toString", "toJSON", "trim", "split",
	"replace", "replaceAll", "toLowerCase", "toUpperCase", "padStart", "padEnd", "entries", "keys", "values")

// SettledPromise reports Promise.resolve(x) or Promise.reject(x): a
// promise already settled with x, which costs no more than x does.
func SettledPromise(call syntax.Node) bool {
	_, st, ok := PromiseStaticCall(call)
	return ok && st.Settled
}

// ComputesValue reports a call that computes a value in memory: a
// function of a built-in object (JSON.stringify, Object.keys), or a method
// of arrays and strings (items.map(...)).
func ComputesValue(call syntax.Node) bool {
	chain, m := Callee(call)
	if len(chain) == 0 {
		return valueGlobals[m]
	}
	return valueGlobals[strings.TrimSuffix(chain[0], "()")] && len(chain) == 1 || valueMethods[m]
}
