package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// RunsOnce reports whether fn runs at most once per process, so that it
// cannot race with another call of itself inside that process: a
// framework's start-up hook (from the models), an immediately invoked
// function at module level, a function of this module that nothing
// exports and that is only ever called from code that itself runs once
// (module level, outside any loop), a function defined in such code and
// called there directly or handed to a promise or a timer, or an exported
// function that every call in the project makes from such code.
//
// Several processes starting together can still run it side by side; the
// rules that care about that (a migration runner, an init-once flag) say
// so themselves. Everything else that is exported, passed as a callback
// or called from a handler is taken to run concurrently with itself: a
// handler that a run-once start() registers serves concurrent requests.
func (f *File) RunsOnce(fn *Func) bool {
	return f.runsOnce(fn, false, map[*Func]bool{})
}

// NeverOverlaps reports whether fn never runs concurrently with another
// call of itself in a process: it runs once (RunsOnce), or every call of
// it is made from such code and either runs once there or is awaited in
// a loop, one iteration after another (for (const id of ids) await
// fn(id)). Its state can interleave with other functions', not with its
// own.
func (f *File) NeverOverlaps(fn *Func) bool {
	return f.runsOnce(fn, true, map[*Func]bool{})
}

func (f *File) runsOnce(fn *Func, seq bool, visiting map[*Func]bool) bool {
	f.onceInit.Do(f.computeOnce)
	once := f.once
	if seq {
		once = f.seqOnce
	}
	return once[fn] || f.project.onlyCalledOnce(f, fn, seq, visiting)
}

// sequentialSite reports a call that a loop of outer (nil: the module's
// top level) awaits before its next iteration: await fn(id) in a for,
// for-of, for-in, while or do loop's body, with no function in between.
func sequentialSite(outer *Func, call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if !p.Is(syntax.KAwaitExpression) {
		return false
	}
	for m := p.Parent(); !m.IsNil() && (outer == nil || m != outer.Node); m = m.Parent() {
		if IsFunction(m) {
			return false
		}
	}
	return true
}

// mentionKind says what a mention of a function's name is.
type mentionKind int

const (
	mentionNone  mentionKind = iota // not the function: a declaration, an import, another member
	mentionCall                     // a call of the function
	mentionValue                    // the function passed on as a value
	mentionOther                    // a call of a method of the name that cannot be resolved
)

// classifyMention says what mention n, in file cf, of the name of fn
// (declared in f) is, and returns the call for a mentionCall. An
// unresolved call of a method of the name on a receiver that is not a
// library's is mentionOther: it may be a call of fn.
func (p *Project) classifyMention(f *File, fn *Func, cf *File, name string, n syntax.Node) (syntax.Node, mentionKind) {
	if n.Text() != name {
		return syntax.Node{}, mentionNone
	}
	par := n.Parent()
	switch {
	case par.Is(syntax.KImportSpecifier, syntax.KExportSpecifier, syntax.KImportClause, syntax.KNamespaceImport):
		return syntax.Node{}, mentionNone
	case par.Is(syntax.KExportStatement) && par.Child(syntax.FValue) == n:
		return syntax.Node{}, mentionNone // export default Rec: its importers' mentions are walked
	case par == fn.Node || par.Is(syntax.KVariableDeclarator) && par.Child(syntax.FName) == n:
		return syntax.Node{}, mentionNone // the declaration
	case par.Is(syntax.KPair, syntax.KMethodDefinition, syntax.KPublicFieldDefinition) && par.Child(syntax.FKey) == n,
		par.Is(syntax.KMethodDefinition) && par.Child(syntax.FName) == n:
		return syntax.Node{}, mentionNone // an unrelated member of that name
	}
	ref := n
	if n.Is(syntax.KPropertyIdentifier) {
		ref = par // queries.seedUsers(...)
	}
	call := ref.Parent()
	if !call.Is(syntax.KCallExpression) || call.Child(syntax.FFunction) != ref {
		if tf, tfn := p.resolveValue(cf, ref, 0); tf == f && tfn == fn {
			return syntax.Node{}, mentionValue
		}
		return syntax.Node{}, mentionNone
	}
	if tf, tfn := p.ResolveCall(cf, call); tf != f || tfn != fn {
		if !fn.Class.IsNil() && tfn == nil && ref.Is(syntax.KMemberExpression) && !cf.LibraryReceiver(call) {
			return call, mentionOther
		}
		return syntax.Node{}, mentionNone
	}
	return call, mentionCall
}

// mentionKinds are the nodes that can name a function.
var mentionKinds = []syntax.Kind{syntax.KIdentifier, syntax.KPropertyIdentifier, syntax.KShorthandPropertyIdentifier}

// onlyCalledOnce reports an exported function, or a method of a class
// (exported or not), that every call in the project makes from code that
// runs once (a seed script's main(), a start-up hook, a daemon's start())
// or from tests, outside loops, and that is never passed on as a value: it
// never runs concurrently with itself either. For a method, a call of a
// method of its name that cannot be resolved, on a receiver that is not a
// library's, may be a call of it: it is taken to run anywhere; so is a
// method whose only calls are in tests. Calls are looked for in the files
// that import the declaring file (and in it), as for functions: an
// instance handed to code that never imports its class (a dependency
// container in plain JavaScript) is not followed there.
func (p *Project) onlyCalledOnce(f *File, fn *Func, seq bool, visiting map[*Func]bool) bool {
	method := !fn.Class.IsNil()
	if p == nil || len(visiting) > 3 || visiting[fn] || fn.Name == "" || method && !fn.Node.Is(syntax.KMethodDefinition) {
		return false // a cycle, or too deep to follow: taken to run concurrently
	}
	memo := &p.onceAcross
	if seq {
		memo = &p.seqAcross
	}
	key := classKey{f, fn.Node.ID()}
	if v, ok := memo.Load(key); ok {
		return v.(bool)
	}
	// What runs once never overlaps, and what may overlap may run more
	// than once: an answer of the one kind settles the other.
	if v, ok := p.onceAcross.Load(key); ok && seq && v.(bool) {
		return true
	}
	if v, ok := p.seqAcross.Load(key); ok && !seq && !v.(bool) {
		return false
	}
	if !method && !f.exportedFunc(fn) {
		memo.Store(key, false)
		return false
	}
	visiting[fn] = true
	defer delete(visiting, fn)
	calls := 0
	escapes := p.walkMentions(f, fn, mentionKinds, func(cf *File, name string, n syntax.Node) bool {
		if seq && cf == f && f.rearms(fn, n) {
			return false // the next run, started when this one is done
		}
		call, kind := p.classifyMention(f, fn, cf, name, n)
		switch kind {
		case mentionNone:
			return false
		case mentionValue:
			return true // passed on: it may run anywhere
		case mentionOther:
			// A call of a method of the name that cannot be resolved may be a
			// call of this one.
			return method
		}
		if cf.Test || cf.OneProcess() {
			if !method {
				calls++ // a method that only tests call is one whose real calls were not seen
			}
			return false
		}
		calls++
		outer := cf.FuncAt(call)
		if outer == nil {
			return !cf.onceSite(call, false)
		}
		return outer.InLoop(call) && !(seq && sequentialSite(outer, call)) || !cf.runsOnce(outer, seq, visiting)
	})
	r := !escapes && calls > 0
	if len(visiting) == 1 {
		memo.Store(key, r) // an answer reached inside a cycle depends on where it was entered
	}
	return r
}

// computeOnce settles RunsOnce for every function of the file, to a fixed
// point: a function called only from functions that run once runs once.
func (f *File) computeOnce() {
	refs := f.functionRefs()
	f.once = f.settleOnce(refs, false)
	f.seqOnce = f.settleOnce(refs, true)
}

// settleOnce solves RunsOnce (seq false) or NeverOverlaps (seq true) for
// the file's own functions.
func (f *File) settleOnce(refs map[*Binding][]syntax.Node, seq bool) map[*Func]bool {
	once := map[*Func]bool{}
	for changed := true; changed; {
		changed = false
		for _, fn := range f.Funcs {
			if !once[fn] && f.onceNow(fn, refs, once, seq) {
				once[fn] = true
				changed = true
			}
		}
	}
	return once
}

// onceNow decides one function given what is settled so far.
func (f *File) onceNow(fn *Func, refs map[*Binding][]syntax.Node, once map[*Func]bool, seq bool) bool {
	if !fn.Class.IsNil() {
		if fn.Name == "constructor" && fn.Node.Is(syntax.KMethodDefinition) && f.constructedOnce(fn.Class, refs, once, seq) {
			return true
		}
		return models.IsStartupHook(fn.Name) || models.IsMigrationStep(fn.Name) && classHasMethods(fn.Class, "up", "down") ||
			f.cliCommandMethod(fn)
	}
	if f.cliHandler(fn) {
		return true
	}
	if models.IsMigrationStep(exportName(fn.Name)) && f.exportedFunc(fn) {
		return true
	}
	if call := iifeCall(fn.Node); !call.IsNil() {
		return f.onceSiteIn(call, once, false)
	}
	if call := CallbackOf(fn.Node); !call.IsNil() && fn.Outer != nil && once[fn.Outer] {
		// A callback a once-run function hands to a call that runs it at
		// most once: a promise's handler or executor, a timer, a lock's
		// scope; for NeverOverlaps also a transaction's, which a driver may
		// run again only after the first run has failed. A handler it
		// registers (app.post(...), emitter.on(...)) or an iteration
		// callback runs many times.
		return (onceCallback(call) || seq && f.transactionCall(call, fn.Node)) && f.onceSiteIn(call, once, seq)
	}
	b := f.funcBinding(fn)
	if b == nil || !b.ModuleLevel() && (fn.Outer == nil || !once[fn.Outer]) || f.exported(b) {
		return false
	}
	var uses []syntax.Node
	for _, id := range refs[b] {
		if !seq || !f.rearms(fn, id) {
			uses = append(uses, id)
		}
	}
	if len(uses) == 0 {
		return false
	}
	for _, id := range uses {
		call := id.Parent()
		if call.Is(syntax.KCallExpression) && call.Child(syntax.FFunction) == id && f.onceSiteIn(call, once, seq) {
			continue
		}
		// Handed by name to a call that runs it at most once, where that
		// call runs once: truncate().then(seed) at module level.
		if call.Is(syntax.KArguments) {
			if c := call.Parent(); onceCallback(c) && f.onceSiteIn(c, once, seq) {
				continue
			}
		}
		return false
	}
	return true
}

// constructedOnce reports a class of this module that nothing exports and
// that is instantiated only where code runs once (new Server() at module
// level, or in a function that runs once): its constructor runs once.
func (f *File) constructedOnce(class syntax.Node, refs map[*Binding][]syntax.Node, once map[*Func]bool, seq bool) bool {
	name := class.Child(syntax.FName)
	if name.IsNil() {
		return false
	}
	b := f.Resolve(name)
	if b == nil || !b.ModuleLevel() || f.exported(b) {
		return false
	}
	uses := refs[b]
	for _, id := range uses {
		n := id.Parent()
		if !n.Is(syntax.KNewExpression) || n.Child(syntax.FConstructor) != id || !f.onceSiteIn(n, once, seq) {
			return false
		}
	}
	return len(uses) > 0
}

// onceSite reports whether a call runs once: at module level or in a
// function that runs once, and not in a loop; with seq, also in a loop
// that awaits it before the next iteration.
func (f *File) onceSite(call syntax.Node, seq bool) bool {
	f.onceInit.Do(f.computeOnce)
	once := f.once
	if seq {
		once = f.seqOnce
	}
	return f.onceSiteIn(call, once, seq)
}

func (f *File) onceSiteIn(call syntax.Node, once map[*Func]bool, seq bool) bool {
	outer := f.FuncAt(call.Parent())
	if outer == nil {
		if seq && sequentialSite(nil, call) {
			return true // for await (const line of lines) await check(line), at the top level of a module
		}
		for m := call.Parent(); !m.IsNil(); m = m.Parent() {
			if m.Is(syntax.KForStatement, syntax.KForInStatement, syntax.KWhileStatement, syntax.KDoStatement) {
				return false
			}
		}
		return true
	}
	return once[outer] && (!outer.InLoop(call) || seq && sequentialSite(outer, call))
}

// rearms reports a mention n of fn in fn's own code that starts its next
// run only when this one is done: after every await of fn, outside its
// loops, a call of fn (poll(), this.poll()) or a timer that calls it
// (setTimeout(poll, ms), setTimeout(this.poll.bind(this), ms),
// setTimeout(() => this.poll(), ms)). A loop that schedules its next turn
// at its end never runs beside itself.
func (f *File) rearms(fn *Func, n syntax.Node) bool {
	if fn.Node.IsNil() || n.Start() < fn.Node.Start() || n.End() > fn.Node.End() {
		return false
	}
	inner := f.FuncAt(n.Parent())
	if inner == nil {
		return false
	}
	var site syntax.Node // what starts the next run, in fn's own code
	switch {
	case inner != fn:
		// setTimeout(() => this.poll(), ms)
		call := CallbackOf(inner.Node)
		if inner.Outer != fn || call.IsNil() || !timerCall(call) || calleeCall(n).IsNil() {
			return false
		}
		site = call
	default:
		site = calleeCall(n)
		for m := n.Parent(); site.IsNil() && !m.IsNil() && m != fn.Node; m = m.Parent() {
			if m.Is(syntax.KCallExpression) && timerCall(m) {
				if args := models.Args(m); len(args) > 0 && args[0].Start() <= n.Start() && n.End() <= args[0].End() {
					site = m // setTimeout(poll, ms), setTimeout(this.poll.bind(this), ms)
				}
				break
			}
		}
		if site.IsNil() {
			return false
		}
	}
	if fn.InLoop(site) {
		return false
	}
	for _, w := range fn.Awaits {
		if w.End() > site.Start() {
			return false
		}
	}
	return true
}

// calleeCall returns the call whose callee n names (n(), this.n(),
// obj.n()), or no node.
func calleeCall(n syntax.Node) syntax.Node {
	c := n
	if p := n.Parent(); p.Is(syntax.KMemberExpression) && p.Child(syntax.FProperty) == n {
		c = p
	}
	if call := c.Parent(); call.Is(syntax.KCallExpression) && call.Child(syntax.FFunction) == c {
		return call
	}
	return syntax.Node{}
}

// timerCall reports a call that runs its callback once, later:
// setTimeout, setImmediate, process.nextTick, queueMicrotask.
func timerCall(call syntax.Node) bool {
	chain, m := models.Callee(call)
	switch m {
	case "setTimeout", "setImmediate", "queueMicrotask":
		return len(chain) == 0 || len(chain) == 1 && models.GlobalObject(chain[0])
	case "nextTick":
		return len(chain) == 1 && chain[0] == "process"
	}
	return false
}

// onceCallback reports a call that runs its function argument at most
// once: new Promise(executor), p.then(ok, fail), p.catch(fn),
// p.finally(fn), setTimeout(fn), setImmediate(fn), process.nextTick(fn),
// queueMicrotask(fn), mutex.runExclusive(fn) and the other lock scopes of
// the models.
func onceCallback(call syntax.Node) bool {
	if call.Is(syntax.KNewExpression) {
		return call.Child(syntax.FConstructor).Text() == "Promise"
	}
	if chain, m := models.Callee(call); m == "then" || m == "catch" || m == "finally" {
		return len(chain) > 0
	}
	return timerCall(call) || models.IsLockScopeCall(call)
}

// transactionCall reports a call that runs cb as a transaction:
// prisma.$transaction(cb), knex.transaction(cb), or a project function
// that hands cb to one (this.prisma.$tx(cb)).
func (f *File) transactionCall(call, cb syntax.Node) bool {
	return models.IsTransactionCall(call) || f.project.transactionWrapperCall(f, call, cb)
}

// classHasMethods reports whether a class declares every named method.
func classHasMethods(class syntax.Node, names ...string) bool {
	body := class.Child(syntax.FBody)
	have := map[string]bool{}
	for _, m := range body.NamedChildren() {
		if m.Is(syntax.KMethodDefinition) {
			have[m.Child(syntax.FName).Text()] = true
		}
	}
	for _, n := range names {
		if !have[n] {
			return false
		}
	}
	return true
}

// exportName is the name a function assigned to an export is exported
// under (module.exports.up, exports.up: up), or its name.
func exportName(name string) string {
	for _, prefix := range []string{"module.exports.", "exports."} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			return rest
		}
	}
	return name
}

// exportedFunc reports whether fn leaves the module: exported through its
// binding, or itself the value of an export (module.exports = function up).
func (f *File) exportedFunc(fn *Func) bool {
	if b := f.funcBinding(fn); b != nil {
		return f.exported(b)
	}
	for _, e := range f.Exports {
		if e.From == "" && (e.Value == fn.Node || e.Value.Contains(fn.Node) && CallbackOf(fn.Node).IsNil()) {
			return true
		}
	}
	return false
}

// iifeCall returns the call that invokes a function expression on the
// spot ((async () => { ... })()), or no node.
func iifeCall(fn syntax.Node) syntax.Node {
	if !fn.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
		return syntax.Node{}
	}
	e := fn
	for e.Parent().Is(syntax.KParenthesizedExpression) {
		e = e.Parent()
	}
	if p := e.Parent(); p.Is(syntax.KCallExpression) && p.Child(syntax.FFunction) == e {
		return p
	}
	return syntax.Node{}
}

// funcBinding returns the binding that names fn: its declaration, or the
// variable it initialises.
func (f *File) funcBinding(fn *Func) *Binding {
	if name := fn.Node.Child(syntax.FName); !name.IsNil() && fn.Node.Is(syntax.KFunctionDeclaration, syntax.KGeneratorFunctionDeclaration) {
		return f.ScopeAt(fn.Node.Parent()).Lookup(name.Text())
	}
	e := fn.Node
	for e.Parent().Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KSatisfiesExpression) {
		e = e.Parent()
	}
	if d := e.Parent(); d.Is(syntax.KVariableDeclarator) && d.Child(syntax.FValue) == e {
		if id := d.Child(syntax.FName); id.Is(syntax.KIdentifier) {
			if b := f.Resolve(id); b != nil && b.Kind == BConst {
				return b
			}
		}
	}
	return nil
}

// exported reports whether b leaves the module: a named or default export,
// or a mention in module.exports / exports.
func (f *File) exported(b *Binding) bool {
	for _, e := range f.Exports {
		if e.From != "" {
			continue
		}
		v := e.Value
		if v == b.Init || v.Contains(b.Decl) {
			return true
		}
		if v.Is(syntax.KIdentifier) && f.Resolve(v) == b {
			return true
		}
		found := false
		v.Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n.Text() == b.Name && f.Resolve(n) == b {
				// module.exports = new Cache() exports an instance, not the
				// class: no importer can make another.
				found = !(n.Parent().Is(syntax.KNewExpression) && n.Parent().Child(syntax.FConstructor) == n)
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// functionRefs lists, for every binding that names a function, the
// identifiers that refer to it (its declaration left out).
func (f *File) functionRefs() map[*Binding][]syntax.Node {
	named := map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Name != "" {
			named[fn.Name] = true
		}
		if c := fn.Class.Child(syntax.FName); !fn.Class.IsNil() && !c.IsNil() {
			named[c.Text()] = true // its constructor's calls are news of the class
		}
	}
	refs := map[*Binding][]syntax.Node{}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) || !named[n.Text()] {
			return true
		}
		b := f.Resolve(n)
		if b == nil || b.Decl == n {
			return true
		}
		refs[b] = append(refs[b], n)
		return true
	})
	return refs
}

// cliHandler reports a function a CLI framework runs as a command's
// handler: the value of command({ handler }) (brocli, cmd-ts), of
// defineCommand({ run }) (citty), or the argument of commander's
// .action(fn). One process runs the one command the user typed.
func (f *File) cliHandler(fn *Func) bool {
	n := fn.Node
	par := n.Parent()
	if par.Is(syntax.KPair) && par.Child(syntax.FValue) == n {
		obj := par.Parent()
		args := obj.Parent()
		call := args.Parent()
		if !obj.Is(syntax.KObject) || !args.Is(syntax.KArguments) || !call.Is(syntax.KCallExpression) {
			return false
		}
		callee := call.Child(syntax.FFunction).Unparen()
		if !callee.Is(syntax.KIdentifier) {
			return false
		}
		b := f.Resolve(callee)
		return b != nil && b.Import != nil && models.IsCLIHandlerKey(b.Import.Spec, b.Import.Name, par.Child(syntax.FKey).Text())
	}
	if par.Is(syntax.KArguments) && par.Parent().Is(syntax.KCallExpression) {
		call := par.Parent()
		m := models.Method(call)
		module := f.chainModule(call.Child(syntax.FFunction))
		return module != "" && models.IsCLIActionMethod(module, m)
	}
	return false
}

// chainModule returns the package a member chain starts from: an import
// (program.command("x").action(...) on commander's program), or a
// variable made by new X() of an imported class.
func (f *File) chainModule(callee syntax.Node) string {
	root := callee.Unparen()
	for {
		switch {
		case root.Is(syntax.KMemberExpression):
			root = root.Child(syntax.FObject).Unparen()
			continue
		case root.Is(syntax.KCallExpression):
			root = root.Child(syntax.FFunction).Unparen()
			continue
		}
		break
	}
	if !root.Is(syntax.KIdentifier) {
		return ""
	}
	b := f.Resolve(root)
	if b == nil {
		return ""
	}
	if b.Import != nil {
		return b.Import.Spec
	}
	if spec, _ := newOfImported(f, b.Init); spec != "" {
		return spec
	}
	return ""
}

// cliCommandMethod reports the method a CLI framework runs on a command
// class: run() of a class extending oclif's Command.
func (f *File) cliCommandMethod(fn *Func) bool {
	base := superclass(fn.Class).Unparen()
	if !base.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(base)
	if b == nil || b.Import == nil {
		return false
	}
	m := models.CLICommandMethod(b.Import.Spec, b.ImportedName())
	return m != "" && fn.Name == m
}

// StopsOnRejection reports a loop that schedules its next run with a timer
// at its end (see rearms) where a rejection skips that step: an await that
// can reject and that no try/catch of the function catches comes before it
// on some path, and the step is not in a finally clause around that await.
// One failed run then ends the loop for good, whatever handles the
// rejection. It returns the timer call that starts the next run.
func (r *Rejections) StopsOnRejection(f *File, fn *Func) (syntax.Node, bool) {
	if fn == nil || !fn.Async || fn.Name == "" || fn.Body.IsNil() {
		return syntax.Node{}, false
	}
	var uncaught []syntax.Node
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) && !errorStaysInside(w) && !r.harmlessAwait(f, w) && !r.awaitCannotReject(f, w) {
			uncaught = append(uncaught, w)
		}
	}
	if len(uncaught) == 0 {
		return syntax.Node{}, false
	}
	var site syntax.Node
	fn.Body.Walk(func(n syntax.Node) bool {
		if !site.IsNil() {
			return false
		}
		if n.Text() != fn.Name || !f.namesFunc(n, fn) || !f.rearms(fn, n) {
			return true
		}
		timer := timerAround(fn, n)
		if timer.IsNil() {
			return true // a retry rather than a next turn
		}
		skipped := false
		for _, w := range uncaught {
			skipped = skipped || !exclusive(w, timer) && !finallyAfter(timer, w)
		}
		if !skipped {
			return true // if (!ready) setTimeout(load, 100) else { await ... }: no await comes before it
		}
		site = timer
		return false
	})
	return site, !site.IsNil()
}

// finallyAfter reports n in a finally clause of a try statement that
// holds w: a failure at w runs it too.
func finallyAfter(n, w syntax.Node) bool {
	for m := n; ; {
		try, part := TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == InFinally && try.Contains(w) {
			return true
		}
		m = try
	}
}

// timerAround returns the timer call of fn's own code that a mention n
// of fn is in (setTimeout(poll, ms), setTimeout(() => this.poll(), ms)),
// or a nil node.
func timerAround(fn *Func, n syntax.Node) syntax.Node {
	for m := n.Parent(); !m.IsNil() && m != fn.Node; m = m.Parent() {
		if m.Is(syntax.KCallExpression) && timerCall(m) {
			return m
		}
	}
	return syntax.Node{}
}

// namesFunc reports a reference to fn: its name bound to it, or a method
// of this of its name within its class.
func (f *File) namesFunc(n syntax.Node, fn *Func) bool {
	switch {
	case n.Is(syntax.KIdentifier):
		b := f.Resolve(n)
		return b != nil && b.Decl != n && (b.Init == fn.Node || fn.Node.Child(syntax.FName) == b.Decl)
	case n.Is(syntax.KPropertyIdentifier):
		m := n.Parent()
		return !fn.Class.IsNil() && m.Is(syntax.KMemberExpression) && m.Child(syntax.FObject).Unparen().Is(syntax.KThis)
	}
	return false
}
