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
// handler of unhandled rejections that neither exits nor throws (see
// Rejections), or runs under a framework that does (f.RejectionLogger): an
// unhandled rejection there is logged, and the process goes on.
func (p *Project) RejectionsLogged(f *File) bool {
	if f.RejectionLogger != "" {
		return true
	}
	h := p.Rejections(f)
	return h != nil && h.Logs
}

// LeavesPending reports an async function that sets a state before an
// await that can reject and sets it back only after that await, outside
// any catch or finally: setLoading(true) ... await save() ...
// setLoading(false), this.busy = true ... this.busy = false, or a handle
// opened before and closed after (const t = toast.loading(...) ...
// toast.dismiss(t)). When the await rejects and nobody handles it, the
// state stays set: a spinner that never stops, a job marked running for
// good. It returns the setting and the resetting statement.
func (f *File) LeavesPending(fn *Func) (set, reset syntax.Node, ok bool) {
	if fn == nil || !fn.Async || fn.Body.IsNil() {
		return syntax.Node{}, syntax.Node{}, false
	}
	var w syntax.Node
	for _, a := range fn.Awaits {
		if a.Is(syntax.KAwaitExpression) && !Caught(a) {
			w = a
			break
		}
	}
	if w.IsNil() {
		return syntax.Node{}, syntax.Node{}, false
	}
	type mark struct {
		key, value string
		node       syntax.Node
	}
	var before, after []mark
	handles := map[*Binding]syntax.Node{}
	fn.Body.Walk(func(n syntax.Node) bool {
		if IsFunction(n) && n != fn.Node {
			return false
		}
		if n.Is(syntax.KCatchClause, syntax.KFinallyClause) {
			return false // runs on the failing path too
		}
		var m mark
		switch {
		case n.Is(syntax.KExpressionStatement):
			e := n.NamedChild(0).Unparen()
			switch {
			case e.Is(syntax.KCallExpression):
				if args := models.Args(e); len(args) == 1 {
					if v := LiteralValue(args[0].Unparen()); v != "" {
						m = mark{e.Child(syntax.FFunction).Text(), v, n}
					}
				}
			case e.Is(syntax.KAssignmentExpression):
				if v := LiteralValue(e.Child(syntax.FRight).Unparen()); v != "" {
					m = mark{e.Child(syntax.FLeft).Text(), v, n}
				}
			}
		case n.Is(syntax.KVariableDeclarator) && n.End() <= w.Start():
			if v := n.Child(syntax.FValue).Unparen(); v.Is(syntax.KCallExpression) {
				if name := n.Child(syntax.FName); name.Is(syntax.KIdentifier) {
					if b := f.Resolve(name); b != nil {
						handles[b] = n
					}
				}
			}
		case n.Is(syntax.KCallExpression) && n.Start() >= w.End() && len(handles) > 0:
			for _, a := range models.Args(n) {
				if a = a.Unparen(); a.Is(syntax.KIdentifier) {
					if d, found := handles[f.Resolve(a)]; found {
						set, reset, ok = d, n, true
					}
				}
			}
		}
		if m.key != "" {
			if n.End() <= w.Start() {
				before = append(before, m)
			} else if n.Start() >= w.End() {
				after = append(after, m)
			}
		}
		return !ok
	})
	if ok {
		return set, reset, true
	}
	for _, b := range before {
		for _, a := range after {
			if a.key == b.key && a.value != b.value {
				return b.node, a.node, true
			}
		}
	}
	return syntax.Node{}, syntax.Node{}, false
}
