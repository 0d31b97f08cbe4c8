package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A promise kept for later (const p = send(); await save(); await p) has
// no rejection handler until the code reaches its first use. If it
// rejects while the function waits for something else, the rejection is
// unhandled when the event loop next looks, and the handler attached later
// comes too late. Promises created together and awaited together
// (Promise.all([send(), save()])) and promises given a .catch at creation
// have no such window.

// checkKeptPromises reports, in an async function, promises kept in a
// local variable or pushed into a local array while the function awaits
// something else before handling them.
func (fp *fpPass) checkKeptPromises(fn *sem.Func) {
	if !fn.Async || len(fn.Awaits) == 0 || fn.Body.IsNil() || fp.f.OneProcess() || inTest(fn) {
		return // a test starts work, triggers it and then awaits it on purpose
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if n != fn.Body && sem.IsFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KVariableDeclarator):
			fp.checkKeptVar(fn, n)
		case n.Is(syntax.KCallExpression):
			fp.checkPushedInLoop(fn, n)
		}
		return true
	})
}

// checkKeptVar handles const p = <promise that can reject>.
func (fp *fpPass) checkKeptVar(fn *sem.Func, decl syntax.Node) {
	name := decl.Child(syntax.FName)
	init := decl.Child(syntax.FValue).Unparen()
	if !name.Is(syntax.KIdentifier) || init.IsNil() || !fp.keptRejects(init) {
		return
	}
	refs := fp.f.References(fp.f.Resolve(name))
	if len(refs) == 0 {
		return
	}
	use := refs[0]
	w := waitBetween(fn, decl, use)
	if w.IsNil() {
		return
	}
	msg := fmt.Sprintf("the promise of %s is kept in %s and first used at line %d, but the function awaits %s at line %d before that: if %s rejects during that wait it has no handler yet, so %s",
		short(calleeName(init)), name.Text(), use.Line(), short(firstLine(w.NamedChild(0).Text())), w.Line(), name.Text(), fp.consequence())
	fp.p.Report(init, msg,
		"Attach the handler before awaiting anything else: await both together (await Promise.all([p, other])), or create the promise after the other await.",
		fp.p.At(w, "awaited while the promise has no handler"), fp.p.At(use, "first handled here"))
}

// checkPushedInLoop handles list.push(<promise that can reject>) inside a
// loop that awaits, with list joined only after the loop.
func (fp *fpPass) checkPushedInLoop(fn *sem.Func, call syntax.Node) {
	chain, m := models.Callee(call)
	args := models.Args(call)
	if m != "push" || len(chain) != 1 || len(args) != 1 || !fp.keptRejects(args[0].Unparen()) {
		return
	}
	b := fp.f.Resolve(models.Receiver(call).Unparen())
	if b == nil || b.ModuleLevel() {
		return
	}
	loop := enclosingLoop(call, fn.Node)
	if loop.IsNil() {
		return
	}
	var w syntax.Node
	for _, a := range fn.Awaits {
		if loop.Contains(a) && eachIteration(loop, a) && realWait(a) {
			w = a
			break
		}
	}
	if w.IsNil() {
		return
	}
	var join syntax.Node
	for _, r := range fp.f.References(b) {
		switch {
		case loop.Contains(r):
			if !models.Receiver(call).Unparen().Contains(r) && !isPushOf(r) {
				return // the loop itself consumes the list
			}
		case r.Start() > loop.End() && join.IsNil():
			join = r
		}
	}
	if join.IsNil() {
		return
	}
	msg := fmt.Sprintf("the promise of %s is pushed into %s inside a loop that awaits %s at line %d, and %s is joined only after the loop (line %d): a promise that rejects during a later wait has no handler yet, so %s",
		short(calleeName(args[0].Unparen())), b.Name, short(firstLine(w.NamedChild(0).Text())), w.Line(), b.Name, join.Line(), fp.consequence())
	fp.p.Report(call, msg,
		"Await each promise in the loop, attach .catch(...) when pushing it and inspect the results later, or collect the inputs and start the promises together after the loop.",
		fp.p.At(w, "awaited while the pushed promises have no handler"), fp.p.At(join, "joined here"))
}

// isPushOf reports a reference that is the receiver of a push call.
func isPushOf(r syntax.Node) bool {
	par := r.Parent()
	return par.Is(syntax.KMemberExpression) && par.Child(syntax.FProperty).Text() == "push" && par.Parent().Is(syntax.KCallExpression)
}

// enclosingLoop returns the innermost loop around n inside fn, or no node.
func enclosingLoop(n, fn syntax.Node) syntax.Node {
	for p := n.Parent(); !p.IsNil() && p != fn; p = p.Parent() {
		if sem.IsFunction(p) {
			return syntax.Node{}
		}
		if p.Is(syntax.KForStatement, syntax.KForInStatement, syntax.KWhileStatement, syntax.KDoStatement) {
			return p
		}
	}
	return syntax.Node{}
}

// eachIteration reports whether n, inside loop, runs on every iteration:
// not in what a for...of or for...in iterates over, nor in a for loop's
// initializer, which run once before the first iteration
// (for (const p of await glob(pattern))).
func eachIteration(loop, n syntax.Node) bool {
	var once syntax.Node
	switch {
	case loop.Is(syntax.KForInStatement):
		once = loop.Child(syntax.FRight)
	case loop.Is(syntax.KForStatement):
		once = loop.Child(syntax.FInitializer)
	}
	return once.IsNil() || !once.Contains(n)
}

// waitBetween returns the first await of fn after decl and before use that
// waits for something other than the kept promise, or no node.
func waitBetween(fn *sem.Func, decl, use syntax.Node) syntax.Node {
	for _, w := range fn.Awaits {
		if w.Start() < decl.End() || w.Start() >= use.Start() || w.Contains(use) {
			continue
		}
		if realWait(w) {
			return w
		}
	}
	return syntax.Node{}
}

// realWait reports an await that gives the event loop a turn: of a call or
// a new promise, not of a plain value; for-await loops too.
func realWait(w syntax.Node) bool {
	if !w.Is(syntax.KAwaitExpression) {
		return true
	}
	v := w.NamedChild(0).Unparen()
	return v.Is(syntax.KCallExpression, syntax.KNewExpression)
}

// keptRejects reports whether an expression stored for later is a promise
// that can reject: a promise call with no rejection handler in its chain,
// or new Promise(...) whose executor takes reject.
func (fp *fpPass) keptRejects(e syntax.Node) bool {
	switch {
	case e.Is(syntax.KNewExpression):
		return e.Child(syntax.FConstructor).Text() == "Promise" && fp.f.Resolve(e.Child(syntax.FConstructor)) == nil &&
			!sem.PromiseNeverRejects(e) && !deadlineOnly(e)
	case !e.Is(syntax.KCallExpression):
		return false
	}
	links, base := sem.ChainLinks(e)
	for _, l := range links {
		m := models.Method(l)
		if m == "catch" || m == "then" && len(models.Args(l)) >= 2 {
			return false
		}
	}
	if callbackStyle(base) || sem.HasErrorOption(base) {
		return false
	}
	var src sem.PromiseSource
	var ok bool
	if len(links) == 0 {
		src, ok = fp.promiseCall(e)
	} else {
		src, ok = fp.promiseOf(base)
	}
	return ok && fp.rej.SourceRejects(src)
}

// inTest reports a function that is, or is inside, a test or hook callback.
func inTest(fn *sem.Func) bool {
	for g := fn; g != nil; g = g.Outer {
		call := sem.CallbackOf(g.Node)
		if call.IsNil() {
			continue
		}
		chain, m := models.Callee(call)
		if testFuncs[m] || len(chain) > 0 && testFuncs[chain[0]] {
			return true
		}
	}
	return false
}

// deadlineOnly reports new Promise((resolve, reject) => ...) whose reject
// is called only from a timer: a deadline that rejects at a time the code
// chose, not at any moment.
func deadlineOnly(n syntax.Node) bool {
	ex := models.Args(n)[0].Unparen()
	ps := ex.Child(syntax.FParameters).NamedChildren()
	if len(ps) < 2 {
		return false
	}
	rej := ps[1]
	if rej.Is(syntax.KRequiredParameter) {
		rej = rej.Child(syntax.FPattern)
	}
	calls, timed := 0, 0
	ex.Walk(func(c syntax.Node) bool {
		if !c.Is(syntax.KIdentifier) || c.Text() != rej.Text() || c == rej {
			return true
		}
		calls++
		if a := c.Parent(); a.Is(syntax.KArguments) && models.CallbackTimer(calleeOf(a.Parent())) {
			timed++ // setTimeout(reject, ms)
			return true
		}
		for p := c.Parent(); p != ex; p = p.Parent() {
			if sem.IsFunction(p) {
				if models.CallbackTimer(calleeOf(sem.CallbackOf(p))) {
					timed++
				}
				break
			}
		}
		return true
	})
	return calls > 0 && calls == timed
}

// calleeOf returns a call's method name, or "".
func calleeOf(call syntax.Node) string {
	if call.IsNil() {
		return ""
	}
	m := models.Method(call)
	return m
}
