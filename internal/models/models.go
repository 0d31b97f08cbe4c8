// Package models describes, as data, what library calls do to shared state:
// which calls read or write a database, cache, file system or remote
// service, which open transactions, which take or release locks, and which
// return promises. The tables are matched against the shape of a call (its
// method name and receiver chain); helpers the tables do not know are
// classified from their names.
package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Effect is what a call does to shared state.
type Effect int

// Effects.
const (
	None Effect = iota
	Read
	Write
)

func (e Effect) String() string {
	switch e {
	case Read:
		return "read"
	case Write:
		return "write"
	}
	return "none"
}

// Callee splits a call's callee into its receiver chain and method:
// prisma.coupon.update(...) gives ["prisma", "coupon"] and "update";
// getUser(...) gives nil and "getUser". Optional chains (a?.b()) are
// treated like plain member access. Calls in the chain keep their callee
// name with "()" appended: knex("users").where(...) gives ["knex()"], "where".
func Callee(call syntax.Node) (chain []string, method string) {
	fn := calleeNode(call)
	if fn.Is(syntax.KMemberExpression) {
		method = fn.Child(syntax.FProperty).Text()
		return receiverChain(fn.Child(syntax.FObject), make([]string, 0, chainLen(fn.Child(syntax.FObject)))), method
	}
	if fn.Is(syntax.KIdentifier) {
		return nil, fn.Text()
	}
	return nil, ""
}

// Method returns the name a call invokes, as Callee does, without building
// the receiver chain: fetch for fetch(u), create for db.user.create(x).
func Method(call syntax.Node) string {
	fn := calleeNode(call)
	switch {
	case fn.Is(syntax.KMemberExpression):
		return fn.Child(syntax.FProperty).Text()
	case fn.Is(syntax.KIdentifier):
		return fn.Text()
	}
	return ""
}

// chainLen counts the links receiverChain gives n, so that the chain is
// allocated once, at its size.
func chainLen(n syntax.Node) int {
	k := 0
	for {
		n = n.Unparen()
		switch {
		case n.Is(syntax.KMemberExpression):
			k++
			n = n.Child(syntax.FObject)
		case n.Is(syntax.KCallExpression):
			k++ // the call's own method, as "m()"
			fn := calleeNode(n)
			if !fn.Is(syntax.KMemberExpression) {
				return k
			}
			n = fn.Child(syntax.FObject)
		case n.Is(syntax.KAwaitExpression):
			n = n.NamedChild(0)
		default:
			return k + 1
		}
	}
}

func receiverChain(n syntax.Node, acc []string) []string {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KMemberExpression):
		acc = receiverChain(n.Child(syntax.FObject), acc)
		return append(acc, n.Child(syntax.FProperty).Text())
	case n.Is(syntax.KCallExpression):
		c, m := Callee(n)
		return append(append(acc, c...), m+"()")
	case n.Is(syntax.KAwaitExpression):
		return receiverChain(n.NamedChild(0), acc)
	case n.Is(syntax.KIdentifier, syntax.KThis, syntax.KSuper):
		return append(acc, n.Text())
	}
	return append(acc, "?")
}

// calleeNode returns a call's callee, without parentheses.
func calleeNode(call syntax.Node) syntax.Node {
	return call.Child(syntax.FFunction).Unparen()
}

// Receiver returns the object a method is called on, or no node.
func Receiver(call syntax.Node) syntax.Node {
	fn := calleeNode(call)
	if fn.Is(syntax.KMemberExpression) {
		return fn.Child(syntax.FObject)
	}
	return syntax.Node{}
}

// Args returns a call's argument nodes.
func Args(call syntax.Node) []syntax.Node {
	a := call.Child(syntax.FArguments)
	if a.Is(syntax.KTemplateString) {
		return []syntax.Node{a} // tagged template: sql`...`
	}
	n := 0
	for c := a.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && !c.Is(syntax.KComment) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]syntax.Node, 0, n)
	for c := a.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && !c.Is(syntax.KComment) {
			out = append(out, c)
		}
	}
	return out
}

// TransactionMethods open a transaction and run their function argument in it:
// prisma.$transaction(async tx => ...), knex.transaction(trx => ...),
// sequelize.transaction(t => ...), dataSource.transaction / manager.transaction
// (TypeORM), db.transaction (drizzle), session.withTransaction (mongoose/mongodb).
var TransactionMethods = map[string]bool{
	"$transaction":       true,
	"transaction":        true,
	"withTransaction":    true,
	"runInTransaction":   true,
	"inTransaction":      true,
	"startTransaction":   false,
	"transactional":      true,
	"serializable":       true,
	"readCommitted":      false,
	"withinTransaction":  true,
	"executeTransaction": true,
}

// TxStep is what a transaction-control method of a connection does.
type TxStep int

// Transaction-control steps.
const (
	TxNone TxStep = iota
	TxBegin
	TxEnd
)

// txControl are the methods that open and close a transaction on the
// connection they are called on, for the statements sent through it in
// between: TypeORM's QueryRunner and MongoDB's session
// (startTransaction, commitTransaction, rollbackTransaction,
// abortTransaction), mysql, mysql2 and mariadb connections
// (beginTransaction, commit, rollback).
var txControl = map[string]TxStep{
	"startTransaction": TxBegin, "beginTransaction": TxBegin,
	"commitTransaction": TxEnd, "rollbackTransaction": TxEnd, "abortTransaction": TxEnd,
	"commit": TxEnd, "rollback": TxEnd,
}

// TxControl says whether a method opens or closes a transaction on its
// receiver.
func TxControl(method string) TxStep { return txControl[method] }

// LockScopeMethods run their function argument while holding a lock:
// mutex.runExclusive(fn) (async-mutex), lock.acquire(key, fn) (async-lock),
// redlock.using(resources, ttl, fn), and similar helpers.
var LockScopeMethods = map[string]bool{
	"runExclusive": true,
	"acquire":      true,
	"using":        true,
	"withLock":     true,
	"lock":         true,
	"synchronized": true,
	"runLocked":    true,
	"withMutex":    true,
	"exclusive":    true,
}

// LockAcquireMethods take a lock when awaited without a callback:
// await mutex.acquire(), await redlock.acquire([...], ttl), await lock.lock().
var LockAcquireMethods = map[string]bool{
	"acquire":      true,
	"lock":         true,
	"acquireLock":  true,
	"tryAcquire":   true,
	"waitForLock":  true,
	"obtainLock":   true,
	"getLock":      false,
	"acquireMutex": true,
}

// lockAcquireVerbs and lockNouns make up the names of other methods that
// take a lock when awaited: waitLock, tryLock, acquireRedisLock,
// obtainMutex, lockUntilOrThrow.
var (
	lockAcquireVerbs = map[string]bool{"acquire": true, "wait": true, "try": true, "obtain": true, "take": true, "grab": true, "lock": true}
	lockNouns        = map[string]bool{"lock": true, "mutex": true, "semaphore": true, "lease": true}
)

// IsLockAcquire reports whether a method awaited without a callback takes
// a lock: one of LockAcquireMethods, or a name made of an acquiring verb
// and a lock noun.
func IsLockAcquire(name string) bool {
	if v, ok := LockAcquireMethods[name]; ok {
		return v
	}
	ws := Words(name)
	if len(ws) < 2 || !lockAcquireVerbs[ws[0]] {
		return false
	}
	for _, w := range ws {
		if lockNouns[w] {
			return true
		}
	}
	return false
}

// LockReleaseMethods release a lock.
var LockReleaseMethods = map[string]bool{
	"release":     true,
	"unlock":      true,
	"releaseLock": true,
}

// HasFunctionArg reports whether a call passes a function literal.
func HasFunctionArg(call syntax.Node) (syntax.Node, bool) {
	for _, a := range Args(call) {
		if a.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
			return a, true
		}
	}
	return syntax.Node{}, false
}

// IsTransactionCall reports whether call runs fn inside a transaction.
func IsTransactionCall(call syntax.Node) bool {
	m := Method(call)
	if !TransactionMethods[m] {
		return false
	}
	_, ok := HasFunctionArg(call)
	return ok
}

// IsLockScopeCall reports whether call runs a function argument under a lock.
func IsLockScopeCall(call syntax.Node) bool {
	chain, m := Callee(call)
	if !LockScopeMethods[m] {
		return false
	}
	if m == "lock" && len(chain) > 0 && strings.EqualFold(chain[len(chain)-1], "document") {
		return false
	}
	_, ok := HasFunctionArg(call)
	return ok
}

// Verb classifies an unknown helper by the first word of its name:
// getBalance reads, setBalance writes. It returns None when the name says
// nothing.
func Verb(name string) Effect {
	w := firstWord(name)
	switch w {
	case "get", "find", "load", "fetch", "read", "lookup", "select", "exists", "has", "count", "query", "list", "retrieve", "check", "is":
		return Read
	case "set", "update", "save", "delete", "remove", "insert", "create", "put", "write", "store", "upsert", "increment", "decrement", "destroy", "patch", "add", "persist", "mark", "replace":
		return Write
	}
	return None
}

// firstWord returns the lower-cased first camelCase or snake_case word.
func firstWord(name string) string {
	name = strings.TrimLeft(name, "_$")
	for i := 1; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' || c == '_' {
			return strings.ToLower(name[:i])
		}
	}
	return strings.ToLower(name)
}

// FirstWord returns the lower-cased first word of a camelCase or snake_case name.
func FirstWord(name string) string { return firstWord(name) }
