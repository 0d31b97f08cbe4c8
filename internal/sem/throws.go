package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// RejectsOnPurpose reports whether a function's promise can reject because
// the code says so, not only because a store or a network call fails: its
// body throws outside a try/catch (a validation, an assertion, a rethrow
// after recording a failure) or returns Promise.reject(...), or it awaits
// or returns a project function that does (followed three levels down).
// Such a rejection carries a decision the caller was meant to act on.
func (p *Project) RejectsOnPurpose(f *File, fn *Func) bool {
	return p.rejectsOnPurpose(f, fn, 0, map[*Func]bool{})
}

func (p *Project) rejectsOnPurpose(f *File, fn *Func, depth int, seen map[*Func]bool) bool {
	return p.rejectsBy(f, fn, purposeful, depth, seen)
}

// purposeful is RejectsOnPurpose's test: any throw or Promise.reject that
// the function itself does not catch.
var purposeful = rejectionTest{
	caught:     Caught,
	deliberate: func(*Func, syntax.Node) bool { return true },
}

// rejectionTest says which rejections a function makes itself count: one
// at n counts when caught(n) is false and deliberate(fn, n) holds, and an
// await counts when caught is false for it.
type rejectionTest struct {
	caught     func(n syntax.Node) bool
	deliberate func(fn *Func, n syntax.Node) bool
}

// rejectsBy reports whether fn throws or returns Promise.reject(...) in a
// way t counts, or awaits or returns a project function that does
// (followed three levels down).
func (p *Project) rejectsBy(f *File, fn *Func, t rejectionTest, depth int, seen map[*Func]bool) bool {
	if fn == nil || fn.Body.IsNil() || depth > 3 || seen[fn] {
		return false
	}
	seen[fn] = true
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || IsFunction(n) && n != fn.Node {
			return false
		}
		switch {
		case n.Is(syntax.KThrowStatement):
			found = !t.caught(n) && t.deliberate(fn, n)
		case n.Is(syntax.KCallExpression):
			if chain, m := models.Callee(n); len(chain) == 1 && chain[0] == "Promise" && m == "reject" {
				found = !t.caught(n) && t.deliberate(fn, n)
			}
		}
		return true
	})
	if found || p == nil {
		return found
	}
	var calls []syntax.Node
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) && !t.caught(w) {
			calls = append(calls, w.NamedChild(0).Unparen())
		}
	}
	calls = append(calls, fn.Returns...)
	for _, c := range calls {
		c = c.Unparen()
		if c.Is(syntax.KAwaitExpression) {
			c = c.NamedChild(0).Unparen()
		}
		if !c.Is(syntax.KCallExpression) {
			continue
		}
		if tf, tfn := p.ResolveCall(f, c); tfn != nil && p.rejectsBy(tf, tfn, t, depth+1, seen) {
			return true
		}
	}
	return false
}

// RejectionsLogged reports whether a process that runs f installs a
// handler of unhandled rejections that lets the process go on (see
// Rejections), or runs under a framework that does (f.RejectionLogger): an
// unhandled rejection there is logged, and the process goes on.
func (p *Project) RejectionsLogged(f *File) bool {
	if f.RejectionLogger != "" {
		return true
	}
	h := p.Rejections(f)
	return h != nil && h.Logs
}

// RejectingWrite returns the first step of fn that no try/catch of fn
// catches and that changes state outside the process (a POST, a saved row,
// a server action; see ChangesExternalState), awaited or returned:
// when such a step fails unobserved, the user's change is lost while the
// page carries on as if it were made. A failed read only leaves something
// unshown.
func (f *File) RejectingWrite(fn *Func) (syntax.Node, bool) {
	if fn == nil || fn.Body.IsNil() {
		return syntax.Node{}, false
	}
	var steps []syntax.Node
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) && !Caught(w) {
			steps = append(steps, w.NamedChild(0))
		}
	}
	steps = append(steps, fn.Returns...)
	for _, s := range steps {
		if _, c := ChainLinks(s.Unparen()); f.ChangesExternalState(c) {
			return c, true
		}
	}
	return syntax.Node{}, false
}

// Gates reports whether a function rejects on purpose because of what it
// read: a throw or Promise.reject reached after one of its own awaits (if
// (!order) throw new NotFound(), if (!allowed) throw new Forbidden()), or
// an awaited or returned project function that does (followed three
// levels down). A caller's next step runs only when the gate passed, so
// running the two together would start work a failed check forbids.
// A throw before the first await checks only the arguments (the caller
// could check them as well), and rethrowing the caught error (catch (e) {
// log(e); throw e }) passes on what the try block threw, a failed query
// as much as a check: neither is a gate by itself, though a check inside
// such a try block is.
func (p *Project) Gates(f *File, fn *Func) bool {
	return p.rejectsBy(f, fn, gate, 0, map[*Func]bool{})
}

// gate is Gates' test: a rejection after one of the function's awaits,
// neither caught nor a plain rethrow of what a catch caught.
var gate = rejectionTest{
	caught: caughtOnce,
	deliberate: func(fn *Func, n syntax.Node) bool {
		if n.Is(syntax.KThrowStatement) && rethrow(n) {
			return false
		}
		for _, w := range fn.Awaits {
			if w.End() <= n.Start() {
				return true
			}
		}
		return false
	},
}

// rethrow reports throw e directly in the catch clause whose parameter is
// e: the caught error passed on as it is.
func rethrow(n syntax.Node) bool {
	try, part := TryRegion(n)
	if part != InCatch {
		return false
	}
	param := try.Child(syntax.FHandler).Child(syntax.FParameter)
	v := n.NamedChild(0)
	return !param.IsNil() && !v.IsNil() && v.Unparen().Is(syntax.KIdentifier) && v.Unparen().Text() == param.Text()
}

// caughtOnce is Caught, except that a try whose catch clause rethrows
// what it caught (catch (e) { log(e); throw e }) does not stop the
// exception: it only records it on the way out.
func caughtOnce(n syntax.Node) bool {
	for m := n; ; {
		try, part := TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == InTryBlock && !try.Child(syntax.FHandler).IsNil() && !rethrowsAlways(try.Child(syntax.FHandler)) {
			return true
		}
		m = try
	}
}

// rethrowsAlways reports a catch clause whose body ends by rethrowing its
// parameter, whatever happened before.
func rethrowsAlways(clause syntax.Node) bool {
	body := clause.Child(syntax.FBody)
	last := LastNamedChild(body)
	return last.Is(syntax.KThrowStatement) && rethrow(last)
}
