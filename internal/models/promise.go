package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// promiseLib describes a library whose calls return promises.
type promiseLib struct {
	// all: every function of the module returns a promise (except the
	// factories and synchronous variants in notPromise).
	all bool
	// methods returning a promise when called on the imported value, or on
	// an object reached from it (axios.get, got.post). The empty name is a
	// call of the imported value itself (axios(config), fetch(url)).
	methods map[string]bool
	// factories make an instance with the same methods (axios.create(),
	// got.extend(), ky.create()).
	factories map[string]bool
}

// notPromise are functions of "all" modules that do not return promises.
var notPromise = map[string]bool{
	"createInterface": true, "constants": true, "watch": true,
}

var httpVerbs = map[string]bool{
	"": true, "get": true, "post": true, "put": true, "patch": true, "delete": true,
	"head": true, "options": true, "request": true, "postForm": true, "putForm": true, "patchForm": true,
}

// promiseLibs maps module specifiers to the calls of theirs that return promises.
var promiseLibs = map[string]promiseLib{
	"fs/promises":       {all: true},
	"timers/promises":   {all: true},
	"dns/promises":      {all: true},
	"stream/promises":   {all: true},
	"readline/promises": {methods: map[string]bool{}},
	"axios":             {methods: httpVerbs, factories: map[string]bool{"create": true}},
	"node-fetch":        {methods: map[string]bool{"": true}},
	"cross-fetch":       {methods: map[string]bool{"": true, "fetch": true}},
	"isomorphic-fetch":  {methods: map[string]bool{"": true}},
	"undici":            {methods: map[string]bool{"fetch": true, "request": true}},
	"got":               {methods: httpVerbs, factories: map[string]bool{"extend": true}},
	"ky":                {methods: httpVerbs, factories: map[string]bool{"create": true, "extend": true}},
	"fs-extra": {methods: map[string]bool{
		"copy": true, "move": true, "remove": true, "emptyDir": true, "ensureDir": true, "ensureFile": true,
		"mkdirp": true, "mkdirs": true, "outputFile": true, "outputJson": true, "readJson": true,
		"writeJson": true, "pathExists": true,
	}},
}

// callbackForms are the packages of promiseLibs whose functions take an
// optional Node-style callback last: given a function there, they call it
// and return no promise (fs-extra, through universalify).
var callbackForms = nameSet("fs-extra")

// CallbackForm reports whether a promise API of spec returns no promise
// when its last argument is a function.
func CallbackForm(spec string) bool { return callbackForms[strings.TrimPrefix(spec, "node:")] }

// CallbackNames are the names Node-style callbacks go by.
var CallbackNames = nameSet("callback", "cb", "next", "done", "callback_", "_callback", "_cb", "cb_")

// promiseGlobals are global functions that return promises.
var promiseGlobals = map[string]bool{
	"fetch": true,
}

// globalObjects name the global object: global.fetch is fetch.
var globalObjects = nameSet("global", "globalThis", "window", "self")

// GlobalObject reports a name of the global object (global, globalThis,
// window, self): global.setTimeout is setTimeout.
func GlobalObject(name string) bool { return globalObjects[name] }

// promiseGlobalMethods are methods of well-known global objects that return
// promises: navigator.clipboard.writeText(...), Notification.requestPermission().
var promiseGlobalMethods = map[string]map[string]bool{
	"navigator.clipboard":     {"writeText": true, "readText": true, "read": true, "write": true},
	"navigator.serviceWorker": {"register": true},
	"navigator":               {"share": true},
	"navigator.permissions":   {"query": true},
	"Notification":            {"requestPermission": true},
	"document":                {"exitFullscreen": true},
	"caches":                  {"open": true, "match": true, "delete": true, "keys": true},
	"window.caches":           {"open": true, "match": true, "delete": true, "keys": true},
}

// userActivationAPIs are browser methods whose promise rejects only when
// the page has no user activation or lacks the permission: called from a
// click or key handler before anything is awaited, they resolve.
var userActivationAPIs = map[string]map[string]bool{
	"navigator.clipboard":        {"writeText": true, "write": true},
	"window.navigator.clipboard": {"writeText": true, "write": true},
}

// NeedsUserActivation reports a call of a browser API that rejects only
// without a user gesture (navigator.clipboard.writeText).
func NeedsUserActivation(chain []string, method string) bool {
	return userActivationAPIs[strings.Join(chain, ".")][method]
}

// IsPromiseAPI reports whether a call of a library API returns a promise.
// chain and method are the call's receiver chain and method (see Callee);
// spec is the module the root of the chain was imported from, if any.
func IsPromiseAPI(chain []string, method, spec string) bool {
	return IsPromiseImport(chain, method, spec, "*")
}

// IsPromiseImport is IsPromiseAPI for a root binding imported under a name:
// imported is the export it was bound to ("*" for the whole module,
// "promises" for const fsp = require("fs").promises, "readFile" for
// import { readFile } from "fs/promises").
func IsPromiseImport(chain []string, method, spec, imported string) bool {
	spec = strings.TrimPrefix(spec, "node:")
	if spec == "" {
		if len(chain) == 0 || len(chain) == 1 && globalObjects[chain[0]] {
			return promiseGlobals[method] // fetch(url), global.fetch(url), window.fetch(url)
		}
		if len(chain) >= 2 && chain[len(chain)-1] == "promises" && chain[0] == "fs" {
			return true // fs.promises.readFile with a global fs
		}
		return promiseGlobalMethods[strings.Join(chain, ".")][method]
	}
	if (spec == "fs" || spec == "dns" || spec == "stream" || spec == "timers") && (imported == "promises" || len(chain) >= 2 && chain[1] == "promises") {
		return !strings.HasSuffix(method, "Sync") // require("fs").promises.readFile, fs.promises.readFile
	}
	lib, ok := promiseLibs[spec]
	if !ok {
		return false
	}
	// name is the function called: the method, or the imported name when
	// the import itself is called (import { readFile } from "fs/promises").
	name := method
	if len(chain) == 0 {
		name = imported
		if imported == "*" || imported == "default" {
			name = ""
		}
	}
	if lib.all {
		return !notPromise[name] && !strings.HasSuffix(name, "Sync") && len(chain) <= 1
	}
	if len(chain) > 1 {
		return false // axios.interceptors.request.use(...)
	}
	return lib.methods[name]
}

// InstanceFactory reports a function of a promise library that makes an
// instance with the library's own methods (axios.create()).
func InstanceFactory(spec, name string) bool {
	return promiseLibs[strings.TrimPrefix(spec, "node:")].factories[name]
}

// CallbackAPI describes a function that takes a Node-style callback
// (err, result) as its last argument.
type CallbackAPI struct {
	Module string
	Func   string
}

// callbackModules are Node and library modules whose functions take a
// Node-style callback: fs.readFile(path, cb), child_process.exec(cmd, cb).
var callbackModules = map[string]map[string]bool{
	"fs": nameSet("access", "appendFile", "chmod", "chown", "close", "copyFile", "cp", "fchmod", "fstat", "fsync",
		"ftruncate", "lchown", "link", "lstat", "mkdir", "mkdtemp", "open", "opendir", "read", "readdir", "readFile",
		"readlink", "realpath", "rename", "rm", "rmdir", "stat", "statfs", "symlink", "truncate", "unlink",
		"utimes", "write", "writeFile", "writev"),
	"child_process": nameSet("exec", "execFile"),
	"crypto":        nameSet("randomBytes", "randomFill", "randomInt", "pbkdf2", "scrypt", "generateKeyPair", "hkdf", "generateKey", "generatePrime"),
	"zlib": nameSet("gzip", "gunzip", "deflate", "inflate", "deflateRaw", "inflateRaw", "unzip",
		"brotliCompress", "brotliDecompress"),
	"dns": nameSet("lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname",
		"resolveCaa", "resolveMx", "resolveNaptr", "resolveNs", "resolvePtr", "resolveSoa", "resolveSrv",
		"resolveTxt", "reverse"),
	"jsonwebtoken": nameSet("sign", "verify"),
	"bcrypt":       nameSet("hash", "compare", "genSalt"),
	"bcryptjs":     nameSet("hash", "compare", "genSalt"),
	"fs-extra": nameSet("copy", "move", "remove", "readJson", "writeJson", "outputFile", "ensureDir", "readFile",
		"writeFile", "readdir", "stat", "unlink", "mkdir", "access"),
	"glob":    nameSet("glob"),
	"mkdirp":  nameSet("mkdirp"),
	"rimraf":  nameSet("rimraf"),
	"request": nameSet("get", "post", "put", "patch", "del", "head"),
}

// callbackClients are modules whose client objects (what the module
// creates: mysql.createConnection(), new sqlite3.Database()) take Node-style
// callbacks in every query method.
var callbackClients = map[string]bool{
	"mysql": true, "sqlite3": true, "redis": true, "memcached": true,
}

// NotCallbackAPIs are methods whose last function argument is not a
// result callback even when its first parameter looks like an error:
// promise handlers, event listeners, array iteration, timers, server
// start-up and route registration.
var NotCallbackAPIs = nameSet(
	"then", "catch", "finally",
	"on", "once", "addListener", "prependListener", "prependOnceListener", "addEventListener", "removeListener", "off",
	"forEach", "map", "flatMap", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex",
	"findLast", "findLastIndex", "sort", "each",
	"setTimeout", "setInterval", "setImmediate", "nextTick", "queueMicrotask",
	"listen", "use", "subscribe", "pipe", "emit",
)

// IsCallbackAPI reports whether a call is a known Node-style callback API:
// a function of a callback module (fs.readFile, exec from child_process),
// called with a function as its last argument. chain and method are the
// call's receiver chain and method, spec the module its root was imported
// from and imported the name the root was bound to.
func IsCallbackAPI(chain []string, method, spec, imported string) bool {
	spec = strings.TrimPrefix(spec, "node:")
	fns, ok := callbackModules[spec]
	if !ok {
		return false
	}
	name := method
	switch {
	case len(chain) == 0 && (imported == "*" || imported == "default"):
		name = spec // const glob = require("glob"); glob(pattern, cb)
		return fns[name]
	case len(chain) == 0:
		name = imported
	case len(chain) > 1 || imported == "promises":
		return false
	}
	return fns[name]
}

// IsCallbackClient reports whether objects created by a module take
// Node-style callbacks in their query methods (mysql connections, sqlite3
// databases, redis v3 clients).
func IsCallbackClient(spec string) bool {
	return callbackClients[strings.TrimPrefix(spec, "node:")]
}

// ErrorParamNames are the usual names of a callback's error parameter.
var ErrorParamNames = nameSet("err", "error", "er", "e", "ex", "error_", "_err", "_error")

// LastFunctionArg returns the last argument of a call when it is a function
// literal.
func LastFunctionArg(call syntax.Node) (syntax.Node, bool) {
	args := Args(call)
	if len(args) == 0 {
		return syntax.Node{}, false
	}
	last := args[len(args)-1].Unparen()
	if last.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
		return last, true
	}
	return syntax.Node{}, false
}

func nameSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// awaitingEmitters are libraries whose .on(...) listeners are awaited by
// the library, which handles their rejections: webhook receivers, bot
// frameworks and promise-aware emitters.
// Fedify's inbox listeners (federation.setInboxListeners(...).on(Follow,
// fn)) are kept in a map and awaited, each inside a try/catch that hands
// the error to onError or to the queue's retry.
var awaitingEmitters = nameSet(
	"@octokit/webhooks", "probot", "emittery", "telegraf", "grammy", "@slack/bolt",
	"@octokit/app", "@fastify/websocket", "@fedify/fedify",
)

// ListenerAwaited reports whether .on(...) listeners of objects from a
// module are awaited by that module (so an async listener is not dropped).
// A subpath of the package counts as the package, and a Deno specifier
// (jsr:@fedify/fedify@^1) as the package it names.
func ListenerAwaited(spec string) bool {
	return awaitingEmitters[strings.TrimPrefix(spec, "node:")] || awaitingEmitters[packageOf(registryPackage(spec))]
}

// registryPackage returns the package of a Deno registry specifier
// ("jsr:@std/path@^1/posix" is "@std/path/posix"), or spec.
func registryPackage(spec string) string {
	for _, p := range []string{"jsr:", "npm:"} {
		if rest, ok := strings.CutPrefix(spec, p); ok {
			rest = strings.TrimPrefix(rest, "/")
			parts := strings.SplitN(rest, "/", 3)
			name := 0
			if strings.HasPrefix(rest, "@") && len(parts) > 1 {
				name = 1
			}
			if at := strings.Index(parts[name], "@"); at > 0 {
				parts[name] = parts[name][:at]
			}
			return strings.Join(parts, "/")
		}
	}
	return spec
}

// nonRejectingMethods return promises that settle without rejecting by
// default: TanStack Query's refetch and cache helpers report errors through
// the query state (throwOnError is off unless asked for).
var nonRejectingMethods = nameSet(
	"refetch", "invalidateQueries", "refetchQueries", "prefetchQuery", "prefetchInfiniteQuery",
	"cancelQueries", "resetQueries",
)

// NeverRejects reports whether a method's promise is known not to reject.
func NeverRejects(method string) bool { return nonRejectingMethods[method] }

// nonRejectingGlobals are promise APIs of the platform that settle without
// rejecting: Notification.requestPermission resolves with the user's
// answer ("granted", "denied" or "default") and is never rejected.
var nonRejectingGlobals = nameSet("Notification.requestPermission", "window.Notification.requestPermission")

// timerPromises are the functions of a module whose promise resolves after
// a delay and rejects only when an AbortSignal in its options aborts it:
// timers/promises' setTimeout(delay, value, options) and
// setImmediate(value, options). The number is the options argument's index.
var timerPromises = map[string]map[string]int{
	"timers/promises": {"setTimeout": 2, "setImmediate": 1},
}

// TimerPromiseOptions reports whether the function name imported from spec
// is a timer promise, and which argument holds its options.
func TimerPromiseOptions(spec, name string) (int, bool) {
	i, ok := timerPromises[strings.TrimPrefix(spec, "node:")][name]
	return i, ok
}

// GlobalNeverRejects reports whether a platform promise API, named by its
// receiver chain and method ("Notification.requestPermission"), never
// rejects.
func GlobalNeverRejects(api string) bool { return nonRejectingGlobals[api] }

// promiseCallbackBridges join a promise to a Node-style callback:
// asCallback(promise, cb) (standard-as-callback), promise.asCallback(cb)
// and promise.nodeify(cb) (Bluebird), nodeify(promise, cb).
var promiseCallbackBridges = nameSet("asCallback", "nodeify")

// IsPromiseCallbackBridge reports whether a call hands a promise's outcome
// to a Node-style callback argument.
func IsPromiseCallbackBridge(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	m := Method(call)
	return promiseCallbackBridges[m]
}

// onceWrappers make a function that runs at most once (once, onetime,
// lodash's once): calling the wrapped callback twice runs it once.
var onceWrappers = nameSet("once", "onetime", "onlyOnce", "callOnce")

// IsOnceWrapper reports whether a call wraps a function so that it runs at
// most once.
func IsOnceWrapper(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	m := Method(call)
	return onceWrappers[m]
}

// hookReportedMethods are methods of an object made by a hook given an
// onError option (TanStack Query/tRPC useMutation({ onError })): the hook
// reports their errors.
var hookReportedMethods = nameSet("mutate", "mutateAsync")

// HookReportsErrors reports whether errors of method are reported by an
// onError option given to the hook that made its receiver.
func HookReportsErrors(method string) bool { return hookReportedMethods[method] }

// queryUtilsMethods are the cache operations of a query client's utilities
// (tRPC useUtils().x.y.invalidate(), TanStack's queryClient): they wrap
// invalidateQueries, refetchQueries and friends, which do not reject.
var queryUtilsMethods = nameSet("invalidate", "refetch", "cancel", "reset", "prefetch", "prefetchInfinite", "setData", "setInfiniteData")

// queryUtilsHooks return a query client's utilities.
var queryUtilsHooks = nameSet("useUtils", "useContext", "useQueryClient")

// QueryUtilsNeverRejects reports whether method, called on an object that
// hook returned, never rejects.
func QueryUtilsNeverRejects(hook, method string) bool {
	return queryUtilsHooks[hook] && (queryUtilsMethods[method] || nonRejectingMethods[method])
}

// revalidatingHooks are data-fetching hooks, by module and export name,
// whose result's mutate, called with no data, only revalidates: SWR runs
// the fetcher again and keeps its error in the hook's error state, so that
// promise resolves whatever the fetch does.
var revalidatingHooks = map[string]map[string]bool{
	"swr":           {"default": true, "useSWR": true},
	"swr/immutable": {"default": true},
	"swr/infinite":  {"default": true},
}

// RevalidatingHook reports whether the export name of module is a
// data-fetching hook whose result's method, called with no arguments,
// only revalidates and never rejects.
func RevalidatingHook(module, name, method string) bool {
	return method == "mutate" && revalidatingHooks[module][name]
}

// syncLibraryMethods are methods of library types that return no promise,
// so awaiting them waits for nothing that can reject later, and for no
// I/O: pg's PoolClient.release() gives the client back at once; TypeORM's
// DataSource and EntityManager hand out repositories and query builders
// from memory.
var syncLibraryMethods = map[string]map[string]bool{
	"pg.PoolClient":         {"release": true},
	"pg.Client":             {"on": true, "removeListener": true},
	"typeorm.DataSource":    nameSet("getRepository", "getTreeRepository", "getMongoRepository", "createQueryBuilder", "createQueryRunner", "getMetadata", "hasMetadata", "createEntityManager"),
	"typeorm.EntityManager": nameSet("getRepository", "getTreeRepository", "getMongoRepository", "getCustomRepository", "withRepository", "createQueryBuilder", "create", "merge", "getId", "hasId"),
}

// SyncLibraryMethod reports whether method of a library type ("pg.PoolClient":
// module, dot, type name) returns no promise.
func SyncLibraryMethod(typ, method string) bool {
	return syncLibraryMethods[typ][method]
}

// promiseLibraryMethods are methods of library types that return a
// promise, for receivers known only by their declared type (a queue
// injected as private readonly queue: Queue).
var promiseLibraryMethods = map[string]map[string]bool{
	"bull.Queue":          nameSet("add", "addBulk", "getJob", "getJobs", "pause", "resume", "close", "empty", "clean", "obliterate", "removeJobs", "count"),
	"bullmq.Queue":        nameSet("add", "addBulk", "getJob", "getJobs", "pause", "resume", "close", "drain", "clean", "obliterate", "remove", "count", "upsertJobScheduler"),
	"bullmq.FlowProducer": nameSet("add", "addBulk", "close"),
}

// LibraryMethodReturnsPromise reports whether method of a library type
// (module, dot, type name) returns a promise.
func LibraryMethodReturnsPromise(typ, method string) bool {
	return promiseLibraryMethods[typ][method]
}

// nonRejectingLibraryMethods are methods of library types whose promise
// settles without rejecting: graphql-subscriptions' in-memory PubSub emits
// synchronously and returns Promise.resolve().
var nonRejectingLibraryMethods = map[string]map[string]bool{
	"graphql-subscriptions.PubSub": {"publish": true},
}

// callbackOutcomeMethods are methods of library types whose promise settles
// as the function they are given does, and rejects for no other reason:
// async-mutex's runExclusive(fn) waits for the lock, runs fn and returns
// its promise. (Its cancel() rejects the calls still waiting: see
// CancelMethods.) The number is the function's argument index.
var callbackOutcomeMethods = map[string]map[string]int{
	"async-mutex.Mutex":     {"runExclusive": 0},
	"async-mutex.Semaphore": {"runExclusive": 0},
}

// CallbackOutcome reports whether method of a library type returns the
// outcome of the function it is given, and which argument that is.
func CallbackOutcome(typ, method string) (int, bool) {
	i, ok := callbackOutcomeMethods[typ][method]
	return i, ok
}

// CancelMethods reject the calls waiting on a lock: async-mutex's cancel().
var CancelMethods = nameSet("cancel")

// LibraryMethodNeverRejects reports whether method of a library type
// (module, dot, type name) returns a promise that cannot reject.
func LibraryMethodNeverRejects(typ, method string) bool {
	return nonRejectingLibraryMethods[typ][method]
}

// Middleware callbacks: a function given to one of these library calls
// receives, as its last parameter, a callback that continues an Express
// middleware chain (passport's done calls next(), and Express runs every
// later handler inside its own try/catch), so calling it never throws
// back into the function. Keyed by the module the receiver or the
// constructor is imported from, then by method ("" for a constructor).
var middlewareCallbackHosts = map[string]map[string]bool{
	"passport": {"serializeUser": true, "deserializeUser": true},
}

// middlewareCallbackModules are module prefixes whose constructors take a
// verify function with such a callback: new LocalStrategy(verify) from
// passport-local, passport-jwt, passport-google-oauth20 ...
var middlewareCallbackModules = []string{"passport-"}

// PassesMiddlewareCallback reports whether a function given to a call of
// method (or to a constructor, method "") on a receiver imported from
// module receives a callback that never throws back.
func PassesMiddlewareCallback(module, method string) bool {
	if middlewareCallbackHosts[module][method] {
		return true
	}
	if method != "" {
		return false
	}
	for _, p := range middlewareCallbackModules {
		if strings.HasPrefix(module, p) {
			return true
		}
	}
	return false
}

// streamCallbackMethods are the methods a stream implementation defines
// (class extends Writable { _write(chunk, encoding, callback) {...} }),
// keyed by the base classes of Node's stream module and its userland copy.
// The callback they are given reports to the stream machinery, which
// emits an error event rather than throwing back into the caller.
var streamCallbackMethods = map[string]map[string]bool{
	"Writable":    nameSet("_write", "_writev", "_final", "_destroy", "_construct"),
	"Transform":   nameSet("_transform", "_flush", "_write", "_writev", "_final", "_destroy", "_construct"),
	"Duplex":      nameSet("_write", "_writev", "_final", "_destroy", "_construct"),
	"PassThrough": nameSet("_transform", "_flush", "_final", "_destroy", "_construct"),
	"Readable":    nameSet("_destroy", "_construct"),
}

var streamModules = nameSet("stream", "node:stream", "readable-stream")

// StreamCallbackMethod reports a method of a stream implementation whose
// last parameter is the stream's callback: a class extending base (a
// class of module) that defines method.
func StreamCallbackMethod(module, base, method string) bool {
	return streamModules[module] && streamCallbackMethods[base][method]
}

// Event dispatchers a project writes itself: a method of one of the first
// names keeps a handler, and a method of one of the second names runs the
// kept handlers (sem.ProjectDispatchedEvent decides from their bodies
// whether the dispatcher waits for them).
var (
	handlerRegisterMethods = nameSet("on", "once", "subscribe", "addListener", "register", "listen", "addHandler")
	// EventDispatchMethods are the names of the second kind.
	EventDispatchMethods = []string{"emit", "trigger", "publish", "dispatch", "fire", "broadcast", "notify", "emitAsync", "emitSerial"}
	eventDispatchMethods = nameSet(EventDispatchMethods...)
)

// RegistersHandler reports a method name under which a dispatcher keeps a
// handler.
func RegistersHandler(method string) bool { return handlerRegisterMethods[method] }

// DispatchesEvent reports a method name under which a dispatcher runs its
// handlers.
func DispatchesEvent(method string) bool { return eventDispatchMethods[method] }

// awaitedComponentProps are props of library components whose promise the
// component waits for and whose rejection it handles: Formik awaits
// onSubmit and catches a rejection (it logs it and ends the submission).
// Keyed by the module the component is imported from, then component.
var awaitedComponentProps = map[string]map[string]map[string]bool{
	"formik": {"Formik": nameSet("onSubmit", "onReset")},
}

// ComponentAwaitsProp reports whether a library component imported from
// module waits for, and handles, the promise its prop returns.
func ComponentAwaitsProp(module, component, prop string) bool {
	return awaitedComponentProps[module][component][prop]
}

// PromiseStatic describes a static method of the global Promise.
type PromiseStatic struct {
	// Joins: it takes an iterable of promises and returns one promise for
	// them (all, allSettled, race, any).
	Joins bool
	// WaitsForEvery: when no element rejects, its promise settles only
	// after every element has (all, allSettled).
	WaitsForEvery bool
	// Rejects: its promise can reject (all but allSettled and resolve).
	Rejects bool
	// Settled: it returns a promise already settled with its argument
	// (resolve, reject).
	Settled bool
}

// promiseStatics are the static methods of Promise that return a promise.
var promiseStatics = map[string]PromiseStatic{
	"all":        {Joins: true, WaitsForEvery: true, Rejects: true},
	"allSettled": {Joins: true, WaitsForEvery: true},
	"race":       {Joins: true, Rejects: true},
	"any":        {Joins: true, Rejects: true},
	"resolve":    {Settled: true},
	"reject":     {Settled: true, Rejects: true},
}

// PromiseStaticCall returns the method of a call Promise.method(...) and
// what the method does; ok is false for any other call, and for a
// method of Promise that returns no promise. The caller decides whether
// a local binding shadows the global Promise.
func PromiseStaticCall(call syntax.Node) (method string, st PromiseStatic, ok bool) {
	chain, m := Callee(call)
	if len(chain) != 1 || chain[0] != "Promise" {
		return "", PromiseStatic{}, false
	}
	if st, ok = promiseStatics[m]; !ok {
		return "", PromiseStatic{}, false
	}
	return m, st, true
}
