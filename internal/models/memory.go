package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// MemoryMaps are the constructors and type names of in-process keyed
// containers: their get/has/set touch memory of this process only, unlike
// the same method names on a Redis or database client.
var MemoryMaps = map[string]bool{
	"Map":       true,
	"WeakMap":   true,
	"LRUCache":  true, // lru-cache
	"LRU":       true,
	"QuickLRU":  true, // quick-lru
	"NodeCache": true, // node-cache
	"TTLCache":  true, // @isaacs/ttlcache
	"Record":    true, // TypeScript Record<K, V>
}

// ResourceVerbs begin the names of calls that create, connect or start
// something whose identity matters: a second one is a leak or a duplicate
// (a client, a connection, a server, an object created in another service).
// A lazily initialised slot filled by such a call twice is a bug, unlike a
// slot caching data that a second load merely reads again.
var ResourceVerbs = map[string]bool{
	"connect": true, "create": true, "open": true, "init": true, "initialize": true,
	"initialise": true, "start": true, "launch": true, "spawn": true, "setup": true,
	"register": true, "login": true, "authenticate": true, "acquire": true,
	"provision": true, "listen": true, "instantiate": true, "bootstrap": true,
	"subscribe": true,
}

// ResourceNouns are words in a callee's name that denote such a resource:
// getClient(), pool.getConnection(), client.db("app").
var ResourceNouns = map[string]bool{
	"client": true, "connection": true, "conn": true, "pool": true, "session": true,
	"socket": true, "browser": true, "worker": true, "channel": true, "producer": true,
	"consumer": true, "driver": true, "transport": true, "server": true, "db": true,
	"database": true, "subscription": true, "watcher": true,
}

// IsResourceCall reports whether a callee name says it creates, connects or
// returns a resource whose identity matters.
func IsResourceCall(name string) bool {
	ws := Words(name)
	if len(ws) == 0 {
		return false
	}
	if ResourceVerbs[ws[0]] {
		return true
	}
	for _, w := range ws {
		if ResourceNouns[w] {
			return true
		}
	}
	return false
}

// Words splits a camelCase, PascalCase or snake_case name into lower-case
// words: "getDBClient" gives get, db, client.
func Words(name string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(name[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		lower := c >= 'a' && c <= 'z'
		upper := c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		switch {
		case !lower && !upper && !digit:
			flush(i)
		case start < 0:
			start = i
		case upper:
			prevUpper := name[i-1] >= 'A' && name[i-1] <= 'Z'
			nextLower := i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z'
			if !prevUpper || nextLower {
				flush(i)
				start = i
			}
		}
	}
	flush(len(name))
	return out
}

// InPlaceMutators are the methods of Map, Set and Array that change the
// collection they are called on.
var InPlaceMutators = map[string]bool{
	"set": true, "add": true, "delete": true, "clear": true, "push": true, "pop": true, "shift": true,
	"unshift": true, "splice": true, "sort": true, "reverse": true, "fill": true,
}

// CollectionInserts are the methods of Array, Set and Map that keep the
// value they are given in the collection (push, unshift, add, set): a
// function handed to one is stored for later, not called.
var CollectionInserts = map[string]bool{"push": true, "unshift": true, "add": true, "set": true}

// DataConstructors build plain values, not resources: new Map(entries) is
// data however it was loaded.
var DataConstructors = map[string]bool{
	"Map": true, "Set": true, "WeakMap": true, "WeakSet": true, "Array": true, "Object": true,
	"Date": true, "URL": true, "URLSearchParams": true, "RegExp": true, "Error": true,
	"Buffer": true, "String": true, "Number": true, "Boolean": true, "Uint8Array": true,
}

// LockClasses construct locks: async-mutex's Mutex and Semaphore,
// async-lock's AsyncLock, redlock's Redlock, await-semaphore, and the
// like. A variable or field created by one of them is a lock whatever its
// name.
var LockClasses = map[string]bool{
	"Mutex": true, "Semaphore": true, "AsyncLock": true, "Redlock": true, "Lock": true,
	"ReadWriteLock": true, "RWLock": true, "Sema": true,
}

// CloseMethods give a resource back or shut it: a pooled connection's
// release, a client's end or close, a socket's destroy. Whoever calls one
// is done with the resource.
var CloseMethods = map[string]bool{
	"release": true, "end": true, "close": true, "destroy": true, "disconnect": true,
	"quit": true, "terminate": true, "dispose": true, "$disconnect": true,
}

// Memoizers wrap a function so that later calls are answered from memory:
// memoize(fn) of lodash, memoizee, moize, mem and p-memoize, React's
// cache(fn) and Next.js's unstable_cache(fn). The key is the name the
// wrapper is called by; a project's own wrapper of the same name counts.
var Memoizers = map[string]bool{
	"memoize": true, "memoizee": true, "moize": true, "mem": true, "pMemoize": true,
	"memoizeOne": true, "cache": true, "unstable_cache": true, "cached": true,
}

// CachingDecorators mark methods whose results are cached after the first
// call (@Memoize() of typescript-memoize, @Cacheable() of
// @type-cacheable/core, @Cached()).
var CachingDecorators = map[string]bool{
	"Memoize": true, "Cacheable": true, "Cached": true, "MemoizeExpiring": true,
}

// requestCachedFunctions are library functions whose result is cached for
// the request being rendered (React's cache() inside the library): every
// call after the first in one request answers from memory. Keyed by
// module, then function.
var requestCachedFunctions = map[string]map[string]bool{
	"next-intl/server": {"getTranslations": true, "getMessages": true, "getLocale": true, "getFormatter": true, "getNow": true, "getTimeZone": true},
}

// RequestCached reports whether function name of module is cached per
// request.
func RequestCached(module, name string) bool { return requestCachedFunctions[module][name] }

// timerFuncs schedule a callback that holds the process open until it
// runs or is cleared: a second one runs the work twice or leaks.
var timerFuncs = nameSet("setInterval", "setTimeout", "setImmediate")

// TimerFunc reports a call of a timer function (setInterval(tick, ms),
// global or through globalThis/window).
func TimerFunc(call syntax.Node) bool {
	chain, m := Callee(call)
	return timerFuncs[m] && (len(chain) == 0 || len(chain) == 1 && GlobalObject(chain[0]))
}

// callbackTimers call their callback later and ignore what it returns.
var callbackTimers = nameSet("setTimeout", "setInterval", "setImmediate", "queueMicrotask",
	"requestAnimationFrame", "requestIdleCallback", "nextTick")

// CallbackTimer reports a function that calls its callback later and
// ignores what it returns: setTimeout, process.nextTick, requestAnimationFrame.
func CallbackTimer(name string) bool { return callbackTimers[name] }

// jqueryEvents are jQuery's event shorthands: $(el).click(fn).
var jqueryEvents = nameSet("click", "submit", "change", "keyup", "keydown", "keypress", "focus", "blur",
	"ready", "dblclick", "input")

// JQueryEvent reports a jQuery event shorthand ($(el).click(fn)).
func JQueryEvent(name string) bool { return jqueryEvents[name] }

// listenerMethods register a listener on an emitter: a second
// registration calls the listener twice.
var listenerMethods = nameSet("on", "once", "addListener", "prependListener", "prependOnceListener", "addEventListener")

// ListenerRegistration reports a method that registers an event listener.
func ListenerRegistration(method string) bool { return listenerMethods[method] }

// terminationSignals ask a process to stop: a listener of one runs to
// end it. beforeExit is emitted when nothing is left to run and the
// process is about to end. SIGHUP and SIGUSR2 are left out: daemons and
// watchers use them to reload or restart, and the process goes on.
var terminationSignals = nameSet("SIGTERM", "SIGINT", "SIGQUIT", "SIGBREAK", "beforeExit")

// TerminationSignal reports a process event that asks the process to stop.
func TerminationSignal(event string) bool { return terminationSignals[event] }

// ExitEvent reports the process event emitted as the process ends
// ("exit"): Node runs its listeners synchronously and ends the process
// right after them, so a promise they start never settles, and no
// rejection of it is ever reported.
func ExitEvent(event string) bool { return event == "exit" }
