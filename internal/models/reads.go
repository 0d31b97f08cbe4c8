package models

import "strings"

// Names that say a call only fetches data, or that a receiver or argument
// is one connection. sequential-awaits uses them to tell reads that could
// run together from calls whose order matters; they decide only where no
// project function and no library model says more.

// fetchVerbs begin the names of calls that only fetch data. The list is
// narrower than Verb on purpose: read() consumes a stream,
// check/is/has/exists often guard what follows, and query runs any SQL.
var fetchVerbs = map[string]bool{
	"get": true, "find": true, "fetch": true, "load": true, "list": true, "count": true,
	"lookup": true, "retrieve": true, "search": true,
}

// readWriteWords anywhere in a name make it more than a read:
// getOrCreate, findOneAndUpdate, fetchAndLock, loadOrInit.
var readWriteWords = map[string]bool{
	"create": true, "update": true, "set": true, "delete": true, "remove": true, "insert": true,
	"save": true, "upsert": true, "lock": true, "claim": true, "reserve": true, "pop": true,
	"shift": true, "consume": true, "take": true, "next": true, "acquire": true, "increment": true,
	"incr": true, "decrement": true, "decr": true, "init": true, "register": true, "put": true,
	"write": true, "add": true, "mark": true, "modify": true, "replace": true, "ensure": true,
	"or": true, "and": true, "refresh": true, "sync": true, "reset": true, "clear": true,
	"store": true, "persist": true, "pull": true, "dequeue": true,
}

// handleWords in a name say the call opens or hands out a connection
// rather than reading data: getConnection(), getClient().
var handleWords = map[string]bool{
	"connection": true, "conn": true, "client": true, "pool": true, "socket": true, "lock": true,
}

// connectionNames are receiver and argument names of one connection,
// transaction or stream: its operations run one at a time anyway.
var connectionNames = map[string]bool{
	"tx": true, "trx": true, "t": true, "transaction": true, "transactionManager": true,
	"conn": true, "connection": true, "queryRunner": true, "session": true, "manager": true,
	"em": true, "entityManager": true, "cursor": true, "iterator": true, "reader": true,
	"stream": true, "page": true, "socket": true, "rl": true,
}

// handleArgs are argument names that hand a callee a single connection
// (its queries queue anyway) or the response (it may answer). db is not
// one: it names a pool as often as a connection.
var handleArgs = map[string]bool{
	"client": true, "res": true, "response": true, "reply": true, "next": true,
}

// IsReadName reports whether a method name says the call only fetches data:
// it starts with a read verb (get, find, fetch, load, list, count, lookup,
// retrieve, search) and has no word of a write (getOrCreate,
// findOneAndUpdate) or of a connection (getClient).
func IsReadName(name string) bool {
	words := Words(name)
	if len(words) == 0 || !fetchVerbs[words[0]] {
		return false
	}
	for _, w := range words[1:] {
		if readWriteWords[w] || handleWords[w] {
			return false
		}
	}
	return true
}

// IsConnectionName reports whether a receiver in a callee chain (tx,
// queryRunner, em, stream; a trailing "()" is ignored) names one
// connection, transaction or stream.
func IsConnectionName(name string) bool {
	return connectionNames[strings.TrimSuffix(name, "()")]
}

// HandsOverConnection reports whether an argument name hands the callee one
// connection, transaction or stream, or the response it may answer.
func HandsOverConnection(name string) bool {
	return connectionNames[name] || handleArgs[name]
}
