package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A resource handed to a callback when an acquisition completes
// (pool.connect(cb)) and stored in state that a teardown elsewhere clears
// and releases: when the teardown runs first, the late callback stores the
// resource after it, and nothing releases it. Part of
// shared-state-across-await: state changed in an async callback.

// checkLateResource reports write (slot = resource) when fn is such a
// callback and nothing in it checks whether the owner was torn down.
func checkLateResource(p *analysis.Pass, write syntax.Node) {
	f := p.File
	if !write.Is(syntax.KAssignmentExpression) {
		return
	}
	fn := f.FuncAt(write)
	if fn == nil {
		return
	}
	left := write.Child(syntax.FLeft).Unparen()
	if !outerSlot(f, fn, left) {
		return
	}
	param := write.Child(syntax.FRight).Unparen()
	if !param.Is(syntax.KIdentifier) {
		return
	}
	if b := f.Resolve(param); b == nil || b.Kind != sem.BParam || !fn.Node.Contains(b.Decl) {
		return
	}
	acquire := acquiringCall(f, fn)
	if acquire.IsNil() {
		return
	}
	// The callback looks at shared state before storing: it can notice
	// the teardown.
	for _, g := range f.Guards(write) {
		if g.Kind != sem.GuardTry && readsOuterState(f, fn, g.Cond) {
			return
		}
	}
	teardown, release := teardownOf(f, fn, left)
	if teardown == nil {
		return
	}
	name := left.Text()
	p.Report(write, fmt.Sprintf("%s is set whenever the callback of %s runs, also after %s has cleared and released it at line %d: a resource that arrives after the teardown is kept and never released",
		name, callShortText(acquire), teardownName(teardown), release.Line()),
		"Record that the owner was torn down, and have the callback release what it receives and return when it has been.",
		p.At(acquire, "the acquisition whose callback runs later"),
		p.At(release, fmt.Sprintf("%s released here", name)))
}

// outerSlot reports whether e is state that outlives fn's call: a let or
// var of an enclosing function or the module, or a field of this.
func outerSlot(f *sem.File, fn *sem.Func, e syntax.Node) bool {
	switch {
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		return b != nil && (b.Kind == sem.BLet || b.Kind == sem.BVar) && !fn.Node.Contains(b.Decl)
	case e.Is(syntax.KMemberExpression):
		return e.Child(syntax.FObject).Unparen().Is(syntax.KThis) && sem.InstanceThis(fn)
	}
	return false
}

// acquiringCall returns the call fn is handed to as the callback of an
// acquisition (pool.connect(fn), or a named function passed so).
func acquiringCall(f *sem.File, fn *sem.Func) syntax.Node {
	isAcquire := func(call syntax.Node) bool {
		m := models.Method(call)
		return models.IsResourceCall(m) && !sem.IsFunction(call.Child(syntax.FFunction).Unparen())
	}
	if call := sem.CallbackOf(fn.Node); !call.IsNil() {
		if isAcquire(call) {
			return call
		}
		return syntax.Node{}
	}
	d := fn.Node.Parent()
	if !d.Is(syntax.KVariableDeclarator) {
		return syntax.Node{}
	}
	b := f.Resolve(d.Child(syntax.FName))
	if b == nil {
		return syntax.Node{}
	}
	var found syntax.Node
	f.Root().Walk(func(n syntax.Node) bool {
		if !found.IsNil() {
			return false
		}
		if n.Is(syntax.KIdentifier) && n != b.Decl && f.Resolve(n) == b && n.Parent().Is(syntax.KArguments) {
			if call := n.Parent().Parent(); isAcquire(call) {
				found = call
			}
		}
		return true
	})
	return found
}

// readsOuterState reports whether cond reads state from outside fn.
func readsOuterState(f *sem.File, fn *sem.Func, cond syntax.Node) bool {
	found := false
	cond.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KIdentifier):
			if b := f.Resolve(n); b != nil && (b.Kind == sem.BLet || b.Kind == sem.BVar) && !fn.Node.Contains(b.Decl) {
				found = true
			}
		case n.Is(syntax.KMemberExpression) && n.Child(syntax.FObject).Unparen().Is(syntax.KThis):
			found = true
		}
		return !found
	})
	return found
}

// teardownOf finds another function, outside fn, that clears slot (slot =
// null) and releases the value it held: slot.release(), or const c = slot;
// slot = null; c.end(). It returns the function and the release call.
func teardownOf(f *sem.File, fn *sem.Func, slot syntax.Node) (*sem.Func, syntax.Node) {
	same := func(e syntax.Node, at *sem.Func) bool {
		e = e.Unparen()
		if slot.Is(syntax.KIdentifier) {
			return e.Is(syntax.KIdentifier) && f.Resolve(e) == f.Resolve(slot)
		}
		return e.Is(syntax.KMemberExpression) && e.Text() == slot.Text() && sem.InstanceThis(at) &&
			enclosingClassOf(at) == enclosingClassOf(fn)
	}
	for _, t := range f.Funcs {
		if t == fn || fn.Node.Contains(t.Node) || t.Body.IsNil() {
			continue
		}
		cleared := false
		var release syntax.Node
		fl := sem.NewFlow(f, t)
		t.Body.Walk(func(n syntax.Node) bool {
			if sem.IsFunction(n) {
				return false
			}
			switch {
			case n.Is(syntax.KAssignmentExpression) && same(n.Child(syntax.FLeft), t) && sem.IsNullish(n.Child(syntax.FRight)):
				cleared = true
			case n.Is(syntax.KCallExpression) && release.IsNil():
				callee := n.Child(syntax.FFunction).Unparen()
				if !callee.Is(syntax.KMemberExpression) || !models.CloseMethods[callee.Child(syntax.FProperty).Text()] {
					return true
				}
				if recv := fl.CopyOf(callee.Child(syntax.FObject)); same(recv, t) {
					release = n
				}
			}
			return true
		})
		if cleared && !release.IsNil() {
			return t, release
		}
	}
	return nil, syntax.Node{}
}

func enclosingClassOf(fn *sem.Func) syntax.Node {
	for g := fn; g != nil; g = g.Outer {
		if !g.Class.IsNil() {
			return g.Class
		}
	}
	return syntax.Node{}
}

func teardownName(fn *sem.Func) string {
	if fn.Name != "" {
		return fn.Name + "()"
	}
	return "the teardown"
}

// callShortText names a call for messages: "pool.connect(...)".
func callShortText(call syntax.Node) string {
	return firstLine(call.Child(syntax.FFunction).Text()) + "(...)"
}
