package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "promise-callback-bridge",
		Severity: analysis.High,
		Title:    "promise bridged to a Node-style callback so that the callback runs twice or never",
		Fix:      "Call the callback exactly once per outcome: p.then(v => cb(null, v), cb) (two arguments), or util.callbackify; with a callback, report only through it and create no promise.",
		Run:      runCallbackBridge,
	})
}

func runCallbackBridge(p *analysis.Pass) {
	f := p.File
	f.EachCall(func(n syntax.Node) bool {
		checkThenCatch(p, n)
		return true
	})
	for _, fn := range f.Funcs {
		cb := f.NodeCallback(fn)
		if cb == nil {
			continue
		}
		checkReturnedPromise(p, fn, cb)
		checkAsyncReporter(p, fn, cb)
		checkCalledTwice(p, fn, cb)
	}
}

// checkThenCatch reports p.then(v => cb(null, v)).catch(cb): a throw inside
// cb rejects the .then promise, and the .catch calls cb a second time.
func checkThenCatch(p *analysis.Pass, call syntax.Node) {
	chain, m := models.Callee(call)
	args := models.Args(call)
	if m != "catch" || len(chain) == 0 || len(args) != 1 {
		return
	}
	then := models.Receiver(call).Unparen()
	if tm := models.Method(then); !then.Is(syntax.KCallExpression) || tm != "then" || len(models.Args(then)) == 0 {
		return
	}
	targets := errorTargets(p.File, args[0].Unparen())
	ok := p.File.FuncOf(models.Args(then)[0].Unparen())
	if len(targets) == 0 || ok == nil {
		return
	}
	for _, c := range ok.Calls() {
		cargs := models.Args(c)
		target := c.Child(syntax.FFunction).Unparen().Text()
		fnExpr := c.Child(syntax.FFunction).Unparen()
		if !targets[target] || len(cargs) == 0 || !sem.IsNullish(cargs[0]) || sem.Caught(c) || p.File.OnceWrapped(fnExpr) || p.File.StateSetter(fnExpr) ||
			p.File.MiddlewareCallback(fnExpr) {
			continue // a React state setter is no completion callback; passport's done never throws back
		}
		if !mayThrowBack(p, fnExpr) {
			continue // nothing shows that the callback can throw back into the .then
		}
		at := call.Child(syntax.FFunction).Unparen().Child(syntax.FProperty)
		msg := fmt.Sprintf("%s is called with the result inside .then (line %d) and is also the .catch handler: an exception thrown by %s rejects the .then promise, so .catch calls %s a second time, with that error",
			short(target), c.Line(), short(target), short(target))
		p.Report(at, msg, fmt.Sprintf("Pass both handlers to one .then: .then(v => %s(null, v), %s), so a throw from the callback is not fed back into it.", short(target), short(target)),
			p.At(c, "first call, with the result"))
		return
	}
}

// mayThrowBack reports a callback that is shown to throw: a parameter
// that some caller fills with a function that throws (CallbackMayThrow),
// or a function of the project, named directly, that throws. A callback
// that can be seen to throw makes the double call more than a theory; one
// that cannot (a library's continuation, a reply, a promise's resolve) is
// left alone.
func mayThrowBack(p *analysis.Pass, fnExpr syntax.Node) bool {
	f := p.File
	if fnExpr.Is(syntax.KIdentifier) {
		if b := f.Resolve(fnExpr); b != nil && b.Kind == sem.BParam {
			return p.Project.CallbackMayThrow(f, b)
		}
	}
	return p.Project.FuncThrows(f, fnExpr)
}

// errorTargets returns the callbacks a .catch handler passes the error to:
// the handler itself (.catch(cb)), or the functions a handler literal calls
// with its error parameter first (.catch(err => cb(err))).
func errorTargets(f *sem.File, h syntax.Node) map[string]bool {
	if h.Is(syntax.KIdentifier, syntax.KMemberExpression) {
		return map[string]bool{h.Text(): true}
	}
	fn := f.FuncOf(h)
	if fn == nil {
		return nil
	}
	e := f.ParamBinding(fn, 0)
	if e == nil {
		return nil
	}
	out := map[string]bool{}
	for _, c := range fn.Calls() {
		if a := models.Args(c); len(a) > 0 && a[0].Unparen().Is(syntax.KIdentifier) && f.Resolve(a[0].Unparen()) == e && !sem.Caught(c) {
			out[c.Child(syntax.FFunction).Unparen().Text()] = true
		}
	}
	return out
}

// checkReturnedPromise reports a function that takes a callback and returns
// new Promise(...) whose executor rejects even when the callback is given:
// a caller that passed the callback does not hold the promise, so the
// rejection is unhandled.
func checkReturnedPromise(p *analysis.Pass, fn *sem.Func, cb *sem.Binding) {
	f := p.File
	for _, ret := range fn.Returns {
		r := returnedConstruction(f, ret.Unparen())
		ex, ok := sem.PromiseExecutor(r)
		if !ok || f.OnlyWithout(ret, fn.Node, cb) || f.OnlyWithout(r, fn.Node, cb) {
			continue
		}
		exFn := f.FuncOf(ex)
		reject := f.ParamBinding(exFn, 1)
		if reject == nil {
			continue
		}
		use := unguardedUse(f, exFn, reject, cb, fn.Node)
		if use.IsNil() || p.Project.PromiseHandledWithCallback(f, fn, len(fn.Params())) {
			continue
		}
		msg := fmt.Sprintf("%s takes the callback %s but also returns new %s(...), which rejects at line %d even when %s is given: a caller that passed the callback does not hold the promise, so the rejection is unhandled",
			funcLabel(fn), cb.Name, short(r.Child(syntax.FConstructor).Text()), use.Line(), cb.Name)
		p.Report(r, msg, fmt.Sprintf("Create the promise only when no callback is given (if (!%s) return new Promise(...)), or settle only the promise and attach %s to it (asCallback/.then(v => %s(null, v), %s)).", cb.Name, cb.Name, cb.Name, cb.Name),
			p.At(use, "rejects the returned promise although a callback may have been given"))
	}
}

// returnedConstruction returns the promise construction a returned
// expression evaluates to: the expression itself, or the initialiser of a
// const it names (const p = new Promise(...); return p) when the promise
// is not also handed elsewhere (asCallback(p, cb), p.then(...)).
func returnedConstruction(f *sem.File, r syntax.Node) syntax.Node {
	if !r.Is(syntax.KIdentifier) {
		return r
	}
	b := f.Resolve(r)
	if b == nil || b.Kind != sem.BConst || b.Init.IsNil() || sem.UsedBesides(f, b, r) {
		return r
	}
	return b.Init.Unparen()
}

// unguardedUse returns the first use of reject in the executor (a call, or
// reject passed on as a handler) that can run when cb is given.
func unguardedUse(f *sem.File, exFn *sem.Func, reject, cb *sem.Binding, top syntax.Node) syntax.Node {
	var out syntax.Node
	exFn.Body.Walk(func(n syntax.Node) bool {
		if !out.IsNil() {
			return false
		}
		if n.Is(syntax.KIdentifier) && f.Resolve(n) == reject && !f.OnlyWithout(n, top, cb) {
			out = n
		}
		return true
	})
	return out
}

// checkAsyncReporter reports an async function that reports only through
// its callback while an awaited step can reject before the callback is
// called: the callback never runs and the rejection reaches nobody.
func checkAsyncReporter(p *analysis.Pass, fn *sem.Func, cb *sem.Binding) {
	f := p.File
	if !fn.Async || !sem.CallbackOf(fn.Node).IsNil() || !returnsNothing(f, fn, cb) {
		return
	}
	own := f.CallsOf(fn, cb)
	var nested []syntax.Node
	for _, g := range f.Funcs {
		if g != fn && fn.Node.Contains(g.Node) {
			nested = append(nested, f.CallsOf(g, cb)...)
		}
	}
	if !reportsErrors(f, append(own, nested...)) {
		return // errors may be meant to travel by the promise (an async handler given a legacy callback)
	}
	for _, w := range sem.EscapingRejections(fn) {
		later := firstAfter(own, w)
		if later.IsNil() {
			later = firstAfter(nested, w)
		}
		if later.IsNil() || p.Project.PromiseHandledWithCallback(f, fn, len(fn.Params())) || p.Project.HandedOver(f, fn) {
			continue
		}
		what := "the await"
		if w.Is(syntax.KThrowStatement) {
			what = "the throw"
		}
		msg := fmt.Sprintf("%s reports through its callback parameter %s, but if %s at line %d rejects, %s is never called and the function's own promise rejects instead, which a callback-style caller never handles",
			funcLabel(fn), cb.Name, what, w.Line(), cb.Name)
		at := fn.Node
		if name := fn.Node.Child(syntax.FName); !name.IsNil() {
			at = name // after any decorators
		}
		p.Report(at, msg, fmt.Sprintf("Wrap the body in try { ... } catch (err) { return %s(err) }, or expose a promise API and adapt it once with util.callbackify.", cb.Name),
			p.At(w, "can reject without calling the callback"), p.At(later, "the callback is called only on the path where nothing rejected"))
		return
	}
}

// reportsErrors reports whether one of the callback's calls passes an
// error: the function uses the callback as its error channel.
func reportsErrors(f *sem.File, calls []syntax.Node) bool {
	for _, c := range calls {
		if a := models.Args(c); len(a) > 0 && f.ErrorValue(a[0]) {
			return true
		}
	}
	return false
}

// firstAfter returns the first of calls that starts after n ends.
func firstAfter(calls []syntax.Node, n syntax.Node) syntax.Node {
	for _, c := range calls {
		if c.Start() > n.End() {
			return c
		}
	}
	return syntax.Node{}
}

// returnsNothing reports whether a function returns no value other than
// the result of calling its callback.
func returnsNothing(f *sem.File, fn *sem.Func, cb *sem.Binding) bool {
	for _, r := range fn.Returns {
		r = r.Unparen()
		if sem.IsNullish(r) {
			continue
		}
		if r.Is(syntax.KCallExpression) {
			if c := r.Child(syntax.FFunction).Unparen(); c.Is(syntax.KIdentifier) && f.Resolve(c) == cb {
				continue
			}
		}
		return false
	}
	return true
}

// checkCalledTwice reports a callback called on a path that has already
// called it: cb(err) in a branch without a return, then cb(...) after it.
func checkCalledTwice(p *analysis.Pass, fn *sem.Func, cb *sem.Binding) {
	f := p.File
	if sem.Reassigned(f, cb) {
		return
	}
	for _, g := range f.Funcs {
		if !fn.Node.Contains(g.Node) {
			continue
		}
		for _, first := range f.CallsOf(g, cb) {
			if second := sem.FallsInto(first, func(c syntax.Node) bool {
				callee := c.Child(syntax.FFunction).Unparen()
				return callee.Is(syntax.KIdentifier) && f.Resolve(callee) == cb
			}); !second.IsNil() {
				msg := fmt.Sprintf("%s is called at line %d and, on the same path, again here: nothing returns after the first call, so the caller's continuation runs twice", cb.Name, first.Line())
				p.Report(second, msg, fmt.Sprintf("Return right after the first call (return %s(err)), or put the second call in an else branch.", cb.Name),
					p.At(first, "first call; execution continues past it"))
			}
		}
	}
}

// funcLabel names a function for messages.
func funcLabel(fn *sem.Func) string {
	if fn.Name != "" {
		return short(fn.Name) + "()"
	}
	return "this function"
}
