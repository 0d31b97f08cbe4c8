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
		ID:       "async-iteration-callback",
		Severity: analysis.High,
		Title:    "async callback given to forEach, or to map/filter/some/every/find/reduce whose promises are lost",
		Fix:      "Use for...of with await for sequential work, or await Promise.all(items.map(async ...)) for parallel work.",
		Run:      runAsyncIteration,
	})
}

// predicateMethods test their callback's result for truth: a promise is
// always truthy, so an async predicate is always a bug.
var predicateMethods = map[string]bool{
	"filter": true, "some": true, "every": true, "find": true, "findIndex": true,
	"findLast": true, "findLastIndex": true,
}

// collectingMethods return the callback's promises, which are lost only when
// the result is dropped.
var collectingMethods = map[string]bool{"map": true, "flatMap": true, "reduce": true, "reduceRight": true}

func runAsyncIteration(p *analysis.Pass) {
	f := p.File
	f.EachCall(func(n syntax.Node) bool {
		chain, method := models.Callee(n)
		if len(chain) == 0 {
			return true
		}
		args := models.Args(n)
		if len(args) == 0 {
			return true
		}
		cb := args[0].Unparen()
		recv := models.Receiver(n).Text()
		fn := asyncCallback(p, cb)
		if fn == nil {
			// A plain callback that returns a promise (ids.map((id) =>
			// decrement(id))) makes an array of promises too.
			if collectingMethods[method] && promiseCallback(p, cb) {
				reportLostInCombinator(p, n, recv, method)
			}
			return true
		}
		if (method == "forEach" || collectingMethods[method]) && (runsToEnd(f, fn) || fireAndForget(f, n, fn) || commandWaits(f, n)) {
			return true
		}
		switch {
		case method == "forEach":
			p.Report(n, fmt.Sprintf("async callback passed to %s.forEach: forEach ignores the promises it returns, so the code after it runs before the callbacks finish and their errors are unhandled", short(recv)), "")
		case predicateMethods[method]:
			p.Report(n, fmt.Sprintf("async predicate passed to %s.%s: it returns a promise, which is always truthy, so the test never looks at the awaited result", short(recv), method),
				"Compute the results first (const ok = await Promise.all(items.map(pred))), then filter on them synchronously.")
		case collectingMethods[method] && resultDropped(f, n):
			p.Report(n, fmt.Sprintf("the promises returned by the async callback of %s.%s are never awaited: errors are unhandled and the work may not have finished when the function returns", short(recv), method), "")
		case collectingMethods[method]:
			reportLostInCombinator(p, n, recv, method)
		}
		return true
	})
}

// runsToEnd reports an async callback that awaits nothing and returns no
// call's result: it runs to its end inside the iteration, so nothing is
// left running after it; what a throw in it becomes is floating-promise's.
// An await that ends the callback counts as nothing when what it awaits is
// a call of a project function that itself runs to its end (an async
// helper whose body is synchronous): its work is done when the call
// returns, and nothing follows the await.
func runsToEnd(f *sem.File, fn *sem.Func) bool {
	for _, w := range fn.Awaits {
		if !finalSyncAwait(f, fn, w) {
			return false
		}
	}
	for _, r := range fn.Returns {
		found := false
		r.Walk(func(n syntax.Node) bool {
			found = found || n.Is(syntax.KCallExpression, syntax.KNewExpression)
			return !found && !sem.IsFunction(n)
		})
		if found {
			return false
		}
	}
	return true
}

// fireAndForget reports a fan-out that neither consequence of a dropped
// promise applies to: the callback handles its own errors, and nothing
// runs after the call in its function (further turns of a loop aside) in
// a function that returns no promise, or whose promise every caller
// drops (also a listener or timer callback whose promise its emitter or
// timer drops), so nothing waits for the work or runs after it assuming
// it is done.
func fireAndForget(f *sem.File, call syntax.Node, cb *sem.Func) bool {
	if !sem.HandlesOwnErrors(cb) {
		return false
	}
	stmt := call.Parent()
	for stmt.Is(syntax.KParenthesizedExpression) {
		stmt = stmt.Parent()
	}
	outer := f.EnclosingFunc(call)
	if !stmt.Is(syntax.KExpressionStatement) || outer == nil || outer.Body.IsNil() {
		return false
	}
	if (outer.Async || outer.ReturnsPromise) && !f.Project().NobodyWaits(f, outer) && !droppedCallback(f, outer) {
		return false
	}
	return lastInFunction(stmt, outer.Body)
}

// droppedCallback reports a function handed to a call that runs it later
// and drops its promise: a timer, or a listener of an emitter that does
// not await its listeners (sem.DropperCall, sem.File.ListenerAwaited).
func droppedCallback(f *sem.File, fn *sem.Func) bool {
	call := sem.CallbackOf(fn.Node)
	if call.IsNil() {
		return false
	}
	_, ok := sem.DropperCall(call)
	return ok && !f.ListenerAwaited(call)
}

// commandWaits reports a fan-out in a one-shot command (sem.File.OneShot)
// that nothing after it cuts short: the process waits for the callbacks
// before it exits, and a rejection ends the command with the error
// printed, as an awaited one would. Only the order of what follows
// changes. A process.exit() or a client closed after the call
// (sem.CutsShortAfter) stops the work half done, and is reported.
func commandWaits(f *sem.File, call syntax.Node) bool {
	if !f.OneShot() {
		return false
	}
	outer := f.EnclosingFunc(call)
	if outer == nil {
		return !sem.CutsShortAfter(call, f.Root())
	}
	return !sem.CutsShortAfter(call, outer.Body)
}

// lastInFunction reports whether nothing of the function runs after stmt
// but further turns of the loops around it: stmt and each block around it
// up to body end there.
func lastInFunction(stmt, body syntax.Node) bool {
	for s := stmt; s != body; s = s.Parent() {
		if s.IsNil() {
			return false
		}
		if !s.Parent().Is(syntax.KStatementBlock, syntax.KSwitchCase, syntax.KSwitchDefault) {
			continue
		}
		for n := s.NextSibling(); !n.IsNil(); n = n.NextSibling() {
			if n.Named() && !n.Is(syntax.KComment) {
				return false
			}
		}
	}
	return true
}

// asyncCallback returns the facts of cb when it is an async function literal.
func asyncCallback(p *analysis.Pass, cb syntax.Node) *sem.Func {
	if !sem.IsFunction(cb) {
		return nil
	}
	fn := p.File.FuncOf(cb)
	if fn == nil || !fn.Async {
		return nil
	}
	return fn
}

// resultDropped reports whether a call's value is thrown away: it is a
// statement of its own, or is stored in a variable that is never read.
func resultDropped(f *sem.File, call syntax.Node) bool {
	parent := call.Parent()
	for parent.Is(syntax.KParenthesizedExpression) {
		parent = parent.Parent()
	}
	switch {
	case parent.Is(syntax.KExpressionStatement):
		return true
	case parent.Is(syntax.KVariableDeclarator):
		name := parent.Child(syntax.FName)
		if !name.Is(syntax.KIdentifier) {
			return false
		}
		return !f.Referenced(name)
	}
	return false
}

// promiseCallback reports a function literal, not async, that returns a
// promise.
func promiseCallback(p *analysis.Pass, cb syntax.Node) bool {
	if !sem.IsFunction(cb) {
		return false
	}
	fn := p.File.FuncOf(cb)
	return fn != nil && !fn.Async && fn.ReturnsPromise
}

// reportLostInCombinator reports the array of promises a map or flatMap
// call makes when a Promise combinator takes it as one value. A reduce
// makes one promise, which the combinator waits for.
func reportLostInCombinator(p *analysis.Pass, call syntax.Node, recv, method string) {
	if method != "map" && method != "flatMap" {
		return
	}
	all := lostInCombinator(p.File, call)
	if all.IsNil() {
		return
	}
	_, comb := models.Callee(all)
	p.Report(call, fmt.Sprintf("the promises returned by the callback of %s.%s are never awaited: Promise.%s at line %d takes the array as one value and waits for none of them: the code after it goes on before they finish, and their rejections escape it", short(recv), method, comb, all.Line()),
		"Spread the array into the combinator's array (Promise.all([...pending, other])), or await Promise.all(pending) as well.",
		p.At(all, "takes the array of promises as one value"))
}

// lostInCombinator returns the Promise combinator that takes a call's
// array of promises as one value: the call is a plain element of the
// combinator's array, or is stored in a variable read only as such
// elements (Promise.all([pending, other]) with pending = ids.map(...)).
// It returns no node when the array is used in any other way.
func lostInCombinator(f *sem.File, call syntax.Node) syntax.Node {
	if all := sem.CombinatorOfElement(call); !all.IsNil() {
		return all
	}
	decl := call.Parent()
	for decl.Is(syntax.KParenthesizedExpression) {
		decl = decl.Parent()
	}
	if !decl.Is(syntax.KVariableDeclarator) {
		return syntax.Node{}
	}
	name := decl.Child(syntax.FName)
	b := f.Resolve(name)
	if !name.Is(syntax.KIdentifier) || b == nil {
		return syntax.Node{}
	}
	var all syntax.Node
	for _, ref := range f.References(b) {
		c := sem.CombinatorOfElement(ref)
		if c.IsNil() || !ref.Is(syntax.KIdentifier) {
			return syntax.Node{}
		}
		if all.IsNil() {
			all = c
		}
	}
	return all
}

// short trims a long receiver expression for messages.
func short(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// finalSyncAwait reports an await that is the last statement of fn's body
// (await addChild(d);) and awaits a call of a project function that runs
// to its end.
func finalSyncAwait(f *sem.File, fn *sem.Func, w syntax.Node) bool {
	if !w.Is(syntax.KAwaitExpression) || !fn.Body.Is(syntax.KStatementBlock) {
		return false
	}
	last := sem.FinalStatement(fn.Body)
	if !last.Is(syntax.KExpressionStatement) || last.NamedChild(0).Unparen() != w {
		return false
	}
	call := w.NamedChild(0).Unparen()
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	tf, callee := f.Project().ResolveCall(f, call)
	return callee != nil && callee != fn && len(callee.Awaits) == 0 && !callee.Body.IsNil() && runsToEnd(tf, callee)
}
