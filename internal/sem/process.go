package sem

import (
	"path"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// rejectionWords are what a file installing a process-wide handler of
// unhandled rejections or uncaught exceptions mentions.
var rejectionWords = Needles(append([]string{"unhandledRejection", "uncaughtException", "unhandledrejection"}, models.LoggerHandlerOptions...)...)

// RejectionHandler is what handles an unhandled rejection in a process:
// a process.on("unhandledRejection", fn) listener; without one, a
// process.on("uncaughtException", fn) listener, since Node 15 raises an
// unhandled rejection as an uncaught exception; a logger that installs
// such listeners (winston with handleExceptions, models.IsLoggerHandler);
// or, in a browser page or worker, an unhandledrejection listener.
type RejectionHandler struct {
	File *File
	Call syntax.Node // the process.on call, or the logger's creation
	// What names it in a message: "the process-wide unhandledRejection
	// handler", "winston's exception handler".
	What string
	// Logs is set when the handler lets the process go on: on some path it
	// neither exits nor throws, so an unhandled rejection, or some kinds of
	// it, is logged and the program carries on.
	Logs bool
}

// rejectionHandler is a RejectionHandler and the files of the processes
// that install it.
type rejectionHandler struct {
	RejectionHandler
	covers map[*File]bool
}

// Rejections returns the handler of unhandled rejections of a process
// that runs f, or nil when there is none; of several, one that lets the
// process go on. A handler covers the files of
// every process that installs it: each entry module (one no project file
// imports) that loads the handler's module, and every project module it
// loads in turn. A command-line script that installs one does not cover
// the server, which never loads it; a handler in a module the server's
// entry imports covers the whole server.
func (p *Project) Rejections(f *File) *RejectionHandler {
	if p == nil {
		return nil
	}
	p.noteFact(f.Abs, rejectionFact+f.Abs)
	return p.rejections(f)
}

func (p *Project) rejections(f *File) *RejectionHandler {
	p.rejectionOnce.Do(p.findRejectionHandlers)
	browser := f.Browser()
	var first *RejectionHandler
	for i := range p.rejectionHandlers {
		// A page's handler serves front-end code, a process's the server:
		// a module both import is covered by the one of its own runtime.
		h := &p.rejectionHandlers[i]
		if !h.covers[f] || (h.What == PageRejectionHandler) != browser {
			continue
		}
		switch {
		case first == nil:
			first = &h.RejectionHandler
		case h.What == first.What && h.Logs && !first.Logs:
			// Several processes load the module, each with a handler of
			// this kind: say only what holds in each, that one of them
			// goes on after a rejection.
			return &h.RejectionHandler
		}
	}
	return first
}

func (p *Project) findRejectionHandlers() {
	var later []rejectionHandler
	for _, f := range p.Files {
		if f.Test || !f.SourceHas(rejectionWords...) {
			continue
		}
		for _, h := range rejectionHandlersIn(f) {
			rh := rejectionHandler{RejectionHandler: h, covers: p.processesLoading(f)}
			if h.What == unhandledRejectionHandler || h.What == PageRejectionHandler {
				p.rejectionHandlers = append(p.rejectionHandlers, rh)
			} else {
				later = append(later, rh) // a rejection reaches them only without the first kind
			}
		}
	}
	p.rejectionHandlers = append(p.rejectionHandlers, later...)
	// A runtime that logs rejections itself (Electron's main process)
	// serves where no handler of the code's own does.
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		if h, ok := runtimeLoggerIn(f); ok {
			p.rejectionHandlers = append(p.rejectionHandlers, rejectionHandler{RejectionHandler: h, covers: p.processesLoading(f)})
		}
	}
}

// runtimeLoggerIn reports a module whose imports mark it as code of a
// runtime that logs unhandled rejections and goes on
// (models.RuntimeLogger): import { app } from "electron".
func runtimeLoggerIn(f *File) (RejectionHandler, bool) {
	s := f.scopes[f.Root().ID()]
	if s == nil {
		return RejectionHandler{}, false
	}
	for _, b := range s.names {
		if b.Kind != BImport || b.Import == nil || !f.Loads(b.Import.Spec) {
			continue
		}
		if what := models.RuntimeLogger(b.Import.Spec, b.Import.Name); what != "" {
			return RejectionHandler{File: f, Call: b.Import.Node, What: what, Logs: true}, true
		}
	}
	return RejectionHandler{}, false
}

const (
	unhandledRejectionHandler = "the process-wide unhandledRejection handler"
	uncaughtExceptionHandler  = "the process-wide uncaughtException handler"
	// PageRejectionHandler names a browser page's (or worker's)
	// unhandledrejection listener: it sees a rejection no code handled, and
	// typically tells the user or logs it.
	PageRejectionHandler = "the page's unhandledrejection handler"
)

// rejectionHandlersIn finds the calls of f that install a handler of
// unhandled rejections: the first process.on("unhandledRejection", ...),
// the first process.on("uncaughtException", ...), the first logger made
// with process-wide handlers, and the first page listener
// (window.addEventListener("unhandledrejection", ...) or an
// onunhandledrejection property).
func rejectionHandlersIn(f *File) []RejectionHandler {
	var out []RejectionHandler
	seen := map[string]bool{}
	add := func(h RejectionHandler) {
		if !seen[h.What] {
			seen[h.What] = true
			out = append(out, h)
		}
	}
	for _, c := range f.Calls() {
		if installedConditionally(c) {
			continue // if (sentryConfigured) process.on(...): not every run has it
		}
		chain, m := models.Callee(c)
		if len(chain) == 1 && chain[0] == "process" && (m == "on" || m == "once" || m == "addListener" || m == "prependListener") {
			args := models.Args(c)
			if len(args) < 2 {
				continue
			}
			if removedAgain(f, c, args[len(args)-1]) {
				continue // a listener held only while some work runs
			}
			// The event may be a name the listener is installed under in a
			// loop (for (const e of ["unhandledRejection", ...])).
			for _, s := range f.literalStrings(args[0]) {
				switch s {
				case "unhandledRejection":
					add(RejectionHandler{File: f, Call: c, What: unhandledRejectionHandler, Logs: listenerGoesOn(f, args[len(args)-1])})
				case "uncaughtException":
					add(RejectionHandler{File: f, Call: c, What: uncaughtExceptionHandler, Logs: listenerGoesOn(f, args[len(args)-1])})
				}
			}
			continue
		}
		if len(chain) <= 2 && (len(chain) == 0 || pageGlobals[chain[len(chain)-1]]) && m == "addEventListener" {
			// window.addEventListener("unhandledrejection", ...): a page's
			// or a worker's handler.
			if args := models.Args(c); len(args) >= 2 {
				if s, _ := StringValue(args[0]); s == "unhandledrejection" {
					add(RejectionHandler{File: f, Call: c, What: PageRejectionHandler, Logs: listenerGoesOn(f, args[1])})
				}
			}
			continue
		}
		if h, ok := loggerHandler(f, c); ok {
			add(h)
		}
	}
	f.Root().EachOf(func(n syntax.Node) bool {
		if installedConditionally(n) {
			return true
		}
		if n.Is(syntax.KAssignmentExpression) {
			// window.onunhandledrejection = (event) => ...
			left := n.Child(syntax.FLeft).Unparen()
			if left.Is(syntax.KMemberExpression) && left.Child(syntax.FProperty).Text() == "onunhandledrejection" {
				add(RejectionHandler{File: f, Call: n, What: PageRejectionHandler, Logs: listenerGoesOn(f, n.Child(syntax.FRight))})
			}
			return true
		}
		if h, ok := loggerHandler(f, n); ok {
			add(h)
		}
		return true
	}, syntax.KNewExpression, syntax.KAssignmentExpression)
	return out
}

// removedAgain reports a process listener that the function installing it
// removes again (process.removeListener(event, listener), process.off):
// it handles rejections only while that function's work runs.
func removedAgain(f *File, install, listener syntax.Node) bool {
	listener = listener.Unparen()
	if !listener.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(listener)
	scope := f.Root()
	if fn := f.FuncAt(install); fn != nil {
		scope = fn.Node
	}
	removed := false
	scope.EachOf(func(n syntax.Node) bool {
		chain, m := models.Callee(n)
		if len(chain) != 1 || chain[0] != "process" || m != "removeListener" && m != "off" {
			return true
		}
		if args := models.Args(n); len(args) == 2 && args[1].Unparen().Is(syntax.KIdentifier) && f.Resolve(args[1].Unparen()) == b {
			removed = true
		}
		return !removed
	}, syntax.KCallExpression)
	return removed
}

// pageGlobals name the global object of a page or a worker.
var pageGlobals = map[string]bool{"window": true, "self": true, "globalThis": true}

// loggerHandler reports a logger of models.IsLoggerHandler made by call
// (winston.createLogger({...}), new winston.Logger({...})) in a file that
// asks for its process-wide handlers (handleExceptions: true on a
// transport's options, exceptionHandlers: [...]). The handlers log and
// the process goes on when the logger's options set exitOnError: false.
func loggerHandler(f *File, call syntax.Node) (RejectionHandler, bool) {
	callee := call.Child(syntax.FFunction)
	if call.Is(syntax.KNewExpression) {
		callee = call.Child(syntax.FConstructor)
	}
	callee = callee.Unparen()
	name := callee.Text()
	if callee.Is(syntax.KMemberExpression) {
		name = callee.Child(syntax.FProperty).Text()
	}
	root := callee
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	b := f.Resolve(root)
	if b == nil || b.Import == nil {
		return RejectionHandler{}, false
	}
	if root == callee {
		name = b.ImportedName()
	}
	if !models.IsLoggerHandler(b.Import.Spec, name) || !fileSetsHandlerOption(f) {
		return RejectionHandler{}, false
	}
	logs := false
	if opts := models.Args(call); len(opts) > 0 {
		for _, o := range f.project.objectValues(f, opts[0], 0) {
			logs = models.ObjectProp(o.node, models.LoggerKeepAliveKey).Unparen().Is(syntax.KFalse)
		}
	}
	return RejectionHandler{File: f, Call: call, What: b.Import.Spec + "'s exception handler", Logs: logs}, true
}

// installedConditionally reports a call made only under a condition of
// the function or module that makes it: inside an if, a switch, a
// ternary or the right side of && or ||.
func installedConditionally(call syntax.Node) bool {
	for n, p := call, call.Parent(); !p.IsNil() && !IsFunction(p); n, p = p, p.Parent() {
		switch {
		case p.Is(syntax.KIfStatement, syntax.KSwitchStatement):
			return true
		case p.Is(syntax.KTernaryExpression, syntax.KBinaryExpression) && n != p.NamedChild(0):
			return true
		}
	}
	return false
}

// fileSetsHandlerOption reports a file that sets one of
// models.LoggerHandlerKeys in an object: handleExceptions: true on a
// transport's options, exceptionHandlers: [...].
func fileSetsHandlerOption(f *File) bool {
	found := false
	f.Root().EachOf(func(n syntax.Node) bool {
		if models.LoggerHandlerKeys[models.PropKey(n.Child(syntax.FKey))] {
			v := n.Child(syntax.FValue).Unparen()
			found = v.Is(syntax.KTrue) || v.Is(syntax.KArray) && len(v.NamedChildren()) > 0
		}
		return !found
	}, syntax.KPair)
	return found
}

// listenerGoesOn reports whether a process.on listener, given as a
// function, a name bound to one, or a logging object's method
// (console.error), lets the process go on after some rejection: on some
// path it neither exits the process nor throws.
func listenerGoesOn(f *File, cb syntax.Node) bool {
	cb = cb.Unparen()
	if fn := f.FuncOf(cb); fn == nil && cb.Is(syntax.KIdentifier) {
		if b := f.Resolve(cb); b != nil && !b.Init.IsNil() {
			cb = b.Init.Unparen() // process.on("unhandledRejection", onRejection)
		}
	}
	if cb.Is(syntax.KMemberExpression) {
		// process.on("unhandledRejection", console.error): a method of a
		// logging object given itself logs and goes on.
		o := cb.Child(syntax.FObject).Unparen()
		return o.Is(syntax.KIdentifier) && models.LogReceivers[o.Text()] && (o.Text() != "console" || f.Resolve(o) == nil)
	}
	if !IsFunction(cb) {
		return false // a handler from elsewhere: what it does is not followed
	}
	return goesOn(cb.Child(syntax.FBody))
}

// goesOn reports whether some path through a handler's body ends without
// ending the process: a return, or the end of the body, reached with no
// process.exit, process.abort or throw on the way. A handler that exits on
// some errors and only logs the others (if (err instanceof HttpError)
// return log(err); process.exit(1)) lets the process go on after those.
func goesOn(body syntax.Node) bool {
	if !body.Is(syntax.KStatementBlock) {
		return !mentionsExit(body)
	}
	ret, fall := leaves(body)
	return ret || fall
}

// leaves says how control leaves statement s: ret when some path returns,
// fall when some path runs on past s. Neither holds when every path
// exits or throws. A statement it does not follow is taken to run on.
func leaves(s syntax.Node) (ret, fall bool) {
	switch {
	case s.Is(syntax.KStatementBlock):
		fall = true
		for _, c := range s.NamedChildren() {
			r, f := leaves(c)
			ret, fall = ret || r, f
			if !fall {
				break
			}
		}
		return ret, fall
	case s.Is(syntax.KElseClause):
		return leaves(s.NamedChild(0))
	case s.Is(syntax.KThrowStatement):
		return false, false
	case s.Is(syntax.KReturnStatement):
		return !mentionsExit(s), false // return process.exit(1) ends the process
	case s.Is(syntax.KTryStatement):
		ret, fall = leaves(s.Child(syntax.FBody))
		if h := s.Child(syntax.FHandler); !h.IsNil() {
			r, f := leaves(h.Child(syntax.FBody))
			ret, fall = ret || r, fall || f
		}
		if fin := s.Child(syntax.FFinalizer); !fin.IsNil() {
			if r, f := leaves(fin.Child(syntax.FBody)); !r && !f {
				return false, false // finally { process.exit(1) }
			}
		}
		return ret, fall
	case s.Is(syntax.KExpressionStatement):
		return false, !mentionsExit(s)
	case s.Is(syntax.KIfStatement):
		r, f := leaves(s.Child(syntax.FConsequence))
		if alt := s.Child(syntax.FAlternative); !alt.IsNil() {
			r2, f2 := leaves(alt)
			return r || r2, f || f2
		}
		return r, true
	}
	s.Walk(func(n syntax.Node) bool {
		ret = ret || n.Is(syntax.KReturnStatement)
		return !ret && !IsFunction(n)
	})
	return ret, true
}

// mentionsExit reports an expression that ends the process, now or in a
// callback it sets up: process.exit(...) or process.abort() anywhere in it
// (shutdown().finally(() => process.exit(1))).
func mentionsExit(e syntax.Node) bool {
	found := false
	e.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			chain, m := models.Callee(n)
			found = found || len(chain) == 1 && chain[0] == "process" && (m == "exit" || m == "abort")
		}
		return !found
	})
	return found
}

// ForcesExit reports a function that, before its first await, sets a
// timer that ends the process (setTimeout(() => process.exit(1), 10000),
// also kept in a variable to be cleared later, or set by a helper of the
// project that returns such a timer: const timer = awaitHardStop()): a
// shutdown that ends the process even when a step of it fails.
func ForcesExit(f *File, fn *Func) bool {
	if fn == nil || !fn.Body.Is(syntax.KStatementBlock) {
		return false
	}
	var first syntax.Node
	if len(fn.Awaits) > 0 {
		first = fn.Awaits[0]
	}
	return armedBefore(f, fn.Body, first)
}

// armedBefore reports whether the statements of block set a timer that
// ends the process before the await first (if (!stopping) { const timer
// = hardStop(); await stop() }: into the block of an if that holds it).
func armedBefore(f *File, block syntax.Node, first syntax.Node) bool {
	for _, st := range block.NamedChildren() {
		if !first.IsNil() && st.End() > first.Start() {
			then := st.Child(syntax.FConsequence)
			if st.Is(syntax.KIfStatement) && then.Is(syntax.KStatementBlock) && then.Contains(first) {
				return armedBefore(f, then, first)
			}
			return false
		}
		if c, ok := keptCall(st); ok && armsExit(f, c, 0) {
			return true
		}
	}
	return false
}

// keptCall returns the call a statement makes (statementCall), also as
// the initial value of the one variable it declares (const timer =
// setTimeout(...)), looking through .unref().
func keptCall(st syntax.Node) (syntax.Node, bool) {
	e := statementCall(st)
	if st.Is(syntax.KLexicalDeclaration, syntax.KVariableDeclaration) {
		if ds := st.NamedChildren(); len(ds) == 1 {
			e = ds[0].Child(syntax.FValue).Unparen()
		}
	}
	if models.Method(e) == "unref" {
		e = models.Receiver(e).Unparen() // setTimeout(...).unref()
	}
	return e, e.Is(syntax.KCallExpression)
}

// armsExit reports a call that sets a timer ending the process: the timer
// itself, or a synchronous project function that sets one before it
// returns.
func armsExit(f *File, c syntax.Node, depth int) bool {
	if timerCall(c) && mentionsExit(c) {
		return true
	}
	if f == nil || depth > 0 {
		return false
	}
	hf, h := f.Project().ResolveValue(f, c.Child(syntax.FFunction))
	if h == nil || h.Async || h.Generator || !h.Body.Is(syntax.KStatementBlock) {
		return false
	}
	for _, st := range h.Body.NamedChildren() {
		if hc, ok := keptCall(st); ok && armsExit(hf, hc, depth+1) {
			return true
		}
	}
	return false
}

// EndsProcess reports a function whose body ends by ending the process:
// its last statement calls process.exit (a shutdown handler, a script's
// last step), or is an if with no else whose block ends so and before
// which nothing is awaited (if (!stopping) { stopping = true; await
// server.close(); process.exit(0) }: the other path awaits nothing). An
// unhandled rejection on the way ends the process too, with the error
// printed, where no handler keeps the process alive.
func EndsProcess(fn *Func) bool {
	if fn == nil || !fn.Body.Is(syntax.KStatementBlock) {
		return false
	}
	return endsInExit(fn, fn.Body)
}

func endsInExit(fn *Func, block syntax.Node) bool {
	last := LastStatement(block)
	switch {
	case last.Is(syntax.KExpressionStatement):
		return isProcessExit(last.NamedChild(0).Unparen())
	case last.Is(syntax.KIfStatement) && last.Child(syntax.FAlternative).IsNil():
		then := last.Child(syntax.FConsequence)
		if !then.Is(syntax.KStatementBlock) {
			return false
		}
		for _, w := range fn.Awaits {
			if w.Start() < then.Start() && w.Start() >= block.Start() {
				return false // awaited on the path that does not end the process
			}
		}
		return endsInExit(fn, then)
	}
	return false
}

// processesLoading returns the files of every process that loads f: the
// entry modules (those no project file imports) among f and the files
// that import it, directly or through others, and everything each of them
// loads. When f is only reached through an import cycle with no entry, f
// and what it loads.
func (p *Project) processesLoading(f *File) map[*File]bool {
	p.buildImporters()
	seen := map[*File]bool{f: true}
	queue := []*File{f}
	var entries []*File
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		importers := p.importers[cur]
		live := 0
		for _, imp := range importers {
			if imp.Test {
				continue
			}
			live++
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
		if live == 0 {
			entries = append(entries, cur)
		}
	}
	if len(entries) == 0 {
		entries = []*File{f}
	}
	loaded := p.loadedBy(entries...)
	dynamic := false
	for g := range loaded {
		dynamic = dynamic || g.loadsByPath()
	}
	if !dynamic {
		return loaded
	}
	// A plugin or directory loader (import(`file://${path}`) over a
	// directory listing) may load any module under the entry's directory
	// that nothing imports by name, and what those modules import.
	var more []*File
	for _, g := range p.Files {
		if loaded[g] || g.Test || g.Outside || p.imported(g) || p.scriptEntries[g.Abs] {
			continue
		}
		for _, e := range entries {
			if dir := path.Dir(e.Abs); strings.HasPrefix(g.Abs, dir+"/") {
				more = append(more, g)
				break
			}
		}
	}
	for g := range p.loadedBy(more...) {
		loaded[g] = true
	}
	return loaded
}

// moduleLoadWords are what a file that loads modules mentions.
var moduleLoadWords = Needles("import(", "require(")

// loadsByPath reports a module that imports or requires a module by a
// computed path (import(`file://${path}`), require(join(dir, name))): a
// plugin or directory loader, which may load any module.
func (f *File) loadsByPath() bool {
	if !f.SourceHas(moduleLoadWords...) {
		return false
	}
	found := false
	f.Root().EachOf(func(n syntax.Node) bool {
		callee := n.Child(syntax.FFunction)
		if callee.Is(syntax.KImport) || callee.Is(syntax.KIdentifier) && callee.Text() == "require" && f.Resolve(callee) == nil {
			if args := models.Args(n); len(args) > 0 {
				if _, ok := StringValue(args[0]); !ok {
					found = true
				}
			}
		}
		return !found
	}, syntax.KCallExpression)
	return found
}

// loadedBy returns the project files that loading the files from loads:
// those files and, transitively, every project module they import or
// require (an import type loads nothing).
func (p *Project) loadedBy(from ...*File) map[*File]bool {
	p.buildImporters()
	seen := map[*File]bool{}
	queue := append([]*File(nil), from...)
	for _, f := range from {
		seen[f] = true
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, tf := range p.imports[cur] {
			if !seen[tf] {
				seen[tf] = true
				queue = append(queue, tf)
			}
		}
	}
	return seen
}

// TerminationListener reports a call that installs a listener of the
// signals that ask the process to stop (process.on("SIGTERM", shutdown),
// also for each signal of a literal list: for (const s of ["SIGINT",
// "SIGTERM"]) process.on(s, exit)). Such a listener runs to end the
// process; a rejection that ends it instead, with the error printed,
// loses nothing the signal did not ask to give up.
func (f *File) TerminationListener(call syntax.Node) bool {
	return f.processListener(call, models.TerminationSignal)
}

// ExitListener reports a call that installs a listener of the process's
// "exit" event (process.on("exit", cleanup)): it runs synchronously as the
// process ends, and a promise it starts never settles.
func (f *File) ExitListener(call syntax.Node) bool {
	return f.processListener(call, models.ExitEvent)
}

// processListener reports a call that installs a listener of process
// events that all satisfy event.
func (f *File) processListener(call syntax.Node, event func(string) bool) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	chain, m := models.Callee(call)
	if len(chain) != 1 || chain[0] != "process" || !models.ListenerRegistration(m) {
		return false
	}
	args := models.Args(call)
	if len(args) < 2 {
		return false
	}
	names := f.literalStrings(args[0])
	for _, n := range names {
		if !event(n) {
			return false
		}
	}
	return len(names) > 0
}

// literalStrings returns the strings an expression can be: a string
// literal, a constant holding one, or the variable of a for-of loop over
// an array literal of strings; nil when any is unknown.
func (f *File) literalStrings(e syntax.Node) []string {
	e = e.Unparen()
	if s, ok := StringValue(e); ok {
		return []string{s}
	}
	if !e.Is(syntax.KIdentifier) {
		return nil
	}
	b := f.Resolve(e)
	if b == nil || b.Import != nil {
		return nil
	}
	if v := b.Value(); b.Kind == BConst && !v.IsNil() {
		if s, ok := StringValue(v); ok {
			return []string{s}
		}
	}
	var arr syntax.Node
	if cb := b.Decl.Ancestor(syntax.KArrowFunction, syntax.KFunctionExpression); b.Kind == BParam && !cb.IsNil() {
		// types.forEach((type) => process.on(type, ...)): the first
		// parameter of a forEach callback is each element in turn.
		ps := (&Func{Node: cb}).Params()
		call := cb.Parent().Parent()
		if len(ps) == 0 || !ps[0].Contains(b.Decl) || !call.Is(syntax.KCallExpression) || models.Method(call) != "forEach" {
			return nil
		}
		arr = models.Receiver(call)
	} else {
		loop := b.Decl.Ancestor(syntax.KForInStatement)
		if loop.IsNil() || !loop.Child(syntax.FLeft).Contains(b.Decl) || loop.HasToken("in") {
			return nil
		}
		arr = loop.Child(syntax.FRight) // also through "as NodeJS.Signals[]"
	}
	return stringArray(f.constArray(arr))
}

// constArray returns the array literal an expression is: the literal
// itself, or a constant initialised with one; no node otherwise.
func (f *File) constArray(e syntax.Node) syntax.Node {
	e = e.Unparen()
	if e.Is(syntax.KIdentifier) {
		if b := f.Resolve(e); b != nil && b.Import == nil && b.Kind == BConst {
			e = b.Value().Unparen()
		}
	}
	if !e.Is(syntax.KArray) {
		return syntax.Node{}
	}
	return e
}

// CutsShortAfter reports whether the statements that follow stmt in the
// function whose body is body (those after it in its block and in each
// block around it) end the process (process.exit) or close a client
// (models.CloseMethods: pool.end(), prisma.$disconnect()): work that stmt
// started and did not wait for is then cut off before it finishes. Without
// them a process waits for pending work before it exits.
func CutsShortAfter(stmt, body syntax.Node) bool {
	found := false
	for s := stmt; s != body && !s.IsNil() && !found; s = s.Parent() {
		for n := s.NextSibling(); !n.IsNil() && !found; n = n.NextSibling() {
			n.Walk(func(c syntax.Node) bool {
				if found || IsFunction(c) {
					return false
				}
				if c.Is(syntax.KCallExpression) {
					chain, m := models.Callee(c)
					found = isProcessExit(c) || len(chain) > 0 && models.CloseMethods[m]
				}
				return !found
			})
		}
	}
	return found
}

// isProcessExit reports a call of process.exit.
func isProcessExit(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	chain, m := models.Callee(call)
	return len(chain) == 1 && chain[0] == "process" && m == "exit"
}

// ScriptEntry reports whether fn is a script's entry point: an async
// function called only by statements at the module's top level that drop
// its promise, as an immediately invoked (async () => { ... })() or a
// declared main() called so. Its rejection is, like that of a top-level
// call, the process's to report.
func (f *File) ScriptEntry(fn *Func) bool {
	if fn == nil || !fn.Async || fn.Outer != nil {
		return false
	}
	if call := iifeCall(fn.Node); !call.IsNil() {
		return droppedAtTopLevel(call)
	}
	if !fn.Node.Is(syntax.KFunctionDeclaration) || !fn.Node.Parent().Is(syntax.KProgram) {
		return false // an exported function has callers elsewhere
	}
	refs := f.References(f.Resolve(fn.Node.Child(syntax.FName)))
	for _, r := range refs {
		if call := r.Parent(); !call.Is(syntax.KCallExpression) || call.Child(syntax.FFunction) != r || !droppedAtTopLevel(call) {
			return false
		}
	}
	return len(refs) > 0
}

// droppedAtTopLevel reports whether a call is a statement of its own at
// the module's top level.
func droppedAtTopLevel(call syntax.Node) bool {
	stmt := call.Parent()
	return stmt.Is(syntax.KExpressionStatement) && stmt.Parent().Is(syntax.KProgram)
}
