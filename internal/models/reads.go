package models

import (
	"slices"
	"strings"
)

// Names that say a call only fetches data, or that a receiver or argument
// is one connection. sequential-awaits uses them to tell reads that could
// run together from calls whose order matters; they decide only where no
// project function and no library model says more.

// fetchVerbs begin the names of calls that only fetch data. The list is
// narrower than Verb on purpose: read() consumes a stream,
// check/is/has/exists often guard what follows, and query runs any SQL.
var fetchVerbs = []string{"get", "find", "fetch", "load", "list", "count", "lookup", "retrieve", "search"}

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
var connectionNames = []string{"tx", "trx", "t", "transaction", "transactionManager",
	"conn", "connection", "queryRunner", "session", "manager",
	"em", "entityManager", "cursor", "iterator", "reader",
	"stream", "page", "socket", "rl"}

// handleArgs are argument names that hand a callee a single connection
// (its queries queue anyway) or the response (it may answer). db is not
// one: it names a pool as often as a connection.
var handleArgs = map[string]bool{
	"client": true, "res": true, "response": true, "reply": true, "next": true,
}

// ReadNames are the names sequential-awaits reads calls by: the verbs
// that begin the name of a call that only fetches data, and the receiver
// and argument names of one connection, transaction or stream. A project
// may replace either list (the rule's options).
type ReadNames struct {
	verbs       map[string]bool
	connections map[string]bool
}

// DefaultReadVerbs returns the read verbs ReadNames holds when a project
// sets none.
func DefaultReadVerbs() []string { return slices.Clone(fetchVerbs) }

// DefaultConnectionNames returns the connection names ReadNames holds
// when a project sets none.
func DefaultConnectionNames() []string { return slices.Clone(connectionNames) }

// NewReadNames returns the names read with verbs (in any case) and
// connections (matched exactly); a nil list keeps the default.
func NewReadNames(verbs, connections []string) ReadNames {
	if verbs == nil {
		verbs = fetchVerbs
	}
	if connections == nil {
		connections = connectionNames
	}
	lower := make([]string, len(verbs))
	for i, v := range verbs {
		lower[i] = strings.ToLower(v) // Words lowers the words of a name
	}
	return ReadNames{verbs: storeNames(lower...), connections: storeNames(connections...)}
}

// IsRead reports whether a method name says the call only fetches data:
// it starts with a read verb (by default get, find, fetch, load, list,
// count, lookup, retrieve, search) and has no word of a write
// (getOrCreate, findOneAndUpdate) or of a connection (getClient).
func (n ReadNames) IsRead(name string) bool {
	words := Words(name)
	if len(words) == 0 || !n.verbs[words[0]] {
		return false
	}
	for _, w := range words[1:] {
		if readWriteWords[w] || handleWords[w] {
			return false
		}
	}
	return true
}

// IsConnection reports whether a receiver in a callee chain (tx,
// queryRunner, em, stream; a trailing "()" is ignored) names one
// connection, transaction or stream.
func (n ReadNames) IsConnection(name string) bool {
	return n.connections[strings.TrimSuffix(name, "()")]
}

// HandsOver reports whether an argument name hands the callee one
// connection, transaction or stream, or the response it may answer.
func (n ReadNames) HandsOver(name string) bool {
	return n.connections[name] || handleArgs[name]
}
