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

// RejectionsLogged reports whether the project installs a process-wide
// unhandledRejection handler that neither exits nor throws: an unhandled
// rejection is then logged, and the process goes on.
func (p *Project) RejectionsLogged() bool {
	hf, h := p.RejectionHandler()
	if hf == nil {
		return false
	}
	args := models.Args(h)
	cb := args[len(args)-1].Unparen()
	if fn := hf.FuncOf(cb); fn == nil && cb.Is(syntax.KIdentifier) {
		if b := hf.Resolve(cb); b != nil && !b.Init.IsNil() {
			cb = b.Init.Unparen() // process.on("unhandledRejection", onRejection)
		}
	}
	if !IsFunction(cb) {
		return false // a handler from elsewhere: what it does is not followed
	}
	exits := false
	cb.Walk(func(n syntax.Node) bool {
		if exits {
			return false
		}
		switch {
		case n.Is(syntax.KThrowStatement):
			exits = true
		case n.Is(syntax.KCallExpression):
			chain, m := models.Callee(n)
			exits = len(chain) == 1 && chain[0] == "process" && (m == "exit" || m == "abort")
		}
		return true
	})
	return !exits
}
