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
			found = !Caught(n)
		case n.Is(syntax.KCallExpression):
			if chain, m := models.Callee(n); len(chain) == 1 && chain[0] == "Promise" && m == "reject" {
				found = !Caught(n)
			}
		}
		return true
	})
	if found || p == nil {
		return found
	}
	var calls []syntax.Node
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) && !Caught(w) {
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
		if tf, tfn := p.ResolveCall(f, c); tfn != nil && p.rejectsOnPurpose(tf, tfn, depth+1, seen) {
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
