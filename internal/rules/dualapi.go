package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A function that serves both callers with a callback and callers that
// use its promise attaches the callback to one promise (asCallback(p, cb))
// and should return that same promise. Returning another promise chained
// off some step leaves two promises: callback callers ignore the returned
// one, so its rejection is unhandled and never reaches their callback.

// checkDualAPI reports returns of a promise other than the one a
// function's callback is attached to.
func (fp *fpPass) checkDualAPI(fn *sem.Func) {
	if fn.Body.IsNil() || fn.Async {
		return
	}
	cb, attached := callbackAttachment(fn)
	if attached.IsNil() {
		return
	}
	for _, r := range fn.Returns {
		r = r.Unparen()
		if !r.Is(syntax.KCallExpression) || sameExpr(r, attached) || passesOn(r, cb) {
			continue
		}
		links, base := sem.ChainLinks(r)
		if len(links) == 0 || fp.f.FuncAt(r) != fn {
			continue
		}
		handled := false
		for _, l := range links {
			m := models.Method(l)
			handled = handled || m == "catch" || m == "then" && len(models.Args(l)) >= 2
		}
		if handled {
			continue
		}
		msg := fmt.Sprintf("%s hands %s to its callback %s, but this path returns a different promise, chained off %s: a caller that passes %s ignores the returned promise, so if that chain rejects, %s is never called and %s",
			strings.TrimPrefix(describeFunc(fp.f, r), "in "), attached.Text(), cb, short(calleeName(base)), cb, cb, fp.consequence())
		fp.p.Report(r, msg, fmt.Sprintf("Route the failure into the promise the callback is attached to (….then(next, reject)) and return %s on every path.", attached.Text()),
			fp.p.At(attached, "the promise the callback is attached to"))
	}
}

// callbackAttachment finds the callback parameter of fn handed to a
// callback bridge together with a promise (asCallback(this.promise, cb)),
// and that promise expression.
func callbackAttachment(fn *sem.Func) (string, syntax.Node) {
	var cb string
	var attached syntax.Node
	fn.Body.Walk(func(n syntax.Node) bool {
		if !attached.IsNil() || n != fn.Body && sem.IsFunction(n) {
			return false
		}
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		args := models.Args(n)
		if !models.IsPromiseCallbackBridge(n) || len(args) != 2 || !models.Receiver(n).IsNil() {
			return true
		}
		name := args[1].Unparen().Text()
		for i := range fn.Params() {
			if fn.ParamName(i) == name {
				cb, attached = name, args[0].Unparen()
			}
		}
		return true
	})
	return cb, attached
}

// sameExpr compares two expressions by their text.
func sameExpr(a, b syntax.Node) bool { return a.Text() == b.Text() }

// passesOn reports a call given the callback or the function's arguments
// (exec.apply(this, arguments)): the callee takes over the callback.
func passesOn(call syntax.Node, cb string) bool {
	found := false
	call.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		found = n.Is(syntax.KIdentifier) && (n.Text() == cb || n.Text() == "arguments")
		return true
	})
	return found
}
