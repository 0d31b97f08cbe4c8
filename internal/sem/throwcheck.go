package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A ThrowCheck is a check a caller makes through a helper: an awaited
// call of a project function whose only store work is one read made
// directly (not through another helper), and which throws on a condition
// of what that read returned (assertNameFree(name),
// enforceWorkspaceLimit(userId)). The statements after the call run only
// when the helper did not throw, so the read decides them as an if in
// the caller would.
type ThrowCheck struct {
	File *File          // the helper's file
	Func *Func          // the helper
	Read *models.Access // the helper's read, in the helper's terms
	// Cond is the condition under which the helper throws (when Negated,
	// under which it does not), in the helper's file.
	Cond    syntax.Node
	Negated bool
	Throw   syntax.Node
}

// ThrowCheckAt returns the throw check made by call, a call in f of a
// project function, when the call's statement comes before n in a block
// that holds n, so that n runs only if the call returned; and false
// otherwise.
func (p *Project) ThrowCheckAt(f *File, call, n syntax.Node) (ThrowCheck, bool) {
	if p == nil || !awaitedOrReturned(call) || !precedes(call, n) {
		return ThrowCheck{}, false
	}
	hf, fn := p.ResolveCall(f, call)
	if fn == nil || fn.Body.IsNil() || !fn.Body.Is(syntax.KStatementBlock) {
		return ThrowCheck{}, false
	}
	acc := hf.Accesses(fn)
	if len(acc) != 1 || acc[0].Op != models.OpRead {
		return ThrowCheck{}, false
	}
	read := &acc[0]
	if _, direct := hf.Classify(read.Call); !direct {
		// The helper's read is itself a helper's result (a conflict a
		// search computed): what it throws on is no lookup by a key.
		return ThrowCheck{}, false
	}
	vars := hf.DerivedVars(fn, hf.ReadVars(read))
	var out ThrowCheck
	fn.Body.EachOf(func(t syntax.Node) bool {
		if hf.FuncAt(t) != fn || Caught(t) || t.Start() < read.Call.End() {
			return true
		}
		for _, g := range hf.Guards(t) {
			if g.Kind == GuardTry || g.Cond.Start() < read.Call.End() {
				continue
			}
			if len(hf.ValueUses(g.Cond, vars, read)) > 0 {
				out = ThrowCheck{File: hf, Func: fn, Read: read, Cond: g.Cond, Negated: g.Negated, Throw: t}
				return false
			}
		}
		return true
	}, syntax.KThrowStatement)
	return out, !out.Throw.IsNil()
}

// precedes reports whether the statement holding call comes before n in
// a block that holds n: call runs, and returns, before n runs.
func precedes(call, n syntax.Node) bool {
	s := Statement(call)
	if s.IsNil() || s.Start() >= n.Start() {
		return false
	}
	block := s.Parent()
	for m := n; !m.IsNil(); m = m.Parent() {
		if m.Parent() == block {
			return m != s
		}
		if isFunction(m) {
			return false
		}
	}
	return false
}
