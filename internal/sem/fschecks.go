package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// FSCheckHelper reports whether a call may invoke a project function that
// returns a file-system check (return fs.existsSync(p), return await
// stat(p)), judged by the name it is called by: the names of every such
// function are gathered once. It is a quick test that spares resolving
// every call; a call it passes must still be resolved.
func (p *Project) FSCheckHelper(f *File, call syntax.Node) bool {
	if p == nil {
		return false
	}
	return p.fsHelperNamed(f, call, &p.fsCheckNames)
}

// fsHelperNamed looks a call's method name up in one of the name indexes
// findFSCheckHelpers gathers, and records the fact for the incremental
// scan.
func (p *Project) fsHelperNamed(f *File, call syntax.Node, names *map[string]bool) bool {
	p.fsCheckOnce.Do(p.findFSCheckHelpers)
	p.noteFact(f.Abs, fsChecksFact)
	return (*names)[models.Method(call)]
}

func (p *Project) findFSCheckHelpers() {
	p.fsCheckNames = map[string]bool{}
	p.fsEffectNames = map[string]bool{}
	for _, f := range p.Files {
		if !f.SourceHas(fsWords...) {
			continue
		}
		if f.SourceHas(fsCheckWords...) {
			for _, fn := range f.Funcs {
				// A call names a function by its last segment: utils.exists(p)
				// for a function declared as exports.exists or Paths.exists.
				if name := lastSegment(fn.Name); name != "" && !p.fsCheckNames[name] {
					if _, ok := ReturnedFSCheck(f, fn); ok {
						p.fsCheckNames[name] = true
					}
				}
			}
		}
		// The functions with an effect on a parameter's path: those whose
		// parameter a file-system call in their body (or a function
		// nested in it) acts on.
		env := f.Env()
		for _, c := range f.Calls() {
			for _, e := range models.FSEffects(c, env) {
				for fn := f.FuncAt(c); fn != nil; fn = fn.Outer {
					if name := lastSegment(fn.Name); name != "" && PathParam(f, fn, e.Path) >= 0 {
						p.fsEffectNames[name] = true
					}
				}
			}
		}
	}
}

// fsWords are what a file that uses the file system mentions.
var fsWords = Needles("fs")

// ReturnedFSCheck returns the file-system check whose outcome a function
// of f returns, if any: the check's own result (return fs.existsSync(p),
// return await stat(p)), the check with handlers that turn its outcome
// into a value (return access(p).then(() => true, () => false)), or a
// check in a try block that returns after it, with a catch that returns
// too (try { await access(p); return true } catch { return false }).
func ReturnedFSCheck(f *File, fn *Func) (models.FSCall, bool) {
	env := f.Env()
	for _, r := range fn.Returns {
		r = r.Unparen()
		if r.Is(syntax.KAwaitExpression) {
			r = r.NamedChild(0).Unparen()
		}
		if links, base := ChainLinks(r); len(links) > 0 {
			r = base
		}
		if !r.Is(syntax.KCallExpression) {
			continue
		}
		if c, ok := models.ClassifyFS(r, env); ok && c.Kind == models.FSCheck {
			return c, true
		}
	}
	return triedFSCheck(f, fn)
}

// triedFSCheck finds a file-system check in a try block of fn that
// returns after the check, whose catch clause returns as well: what fn
// returns says whether the check threw.
func triedFSCheck(f *File, fn *Func) (models.FSCall, bool) {
	env := f.Env()
	var out models.FSCall
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || n != fn.Body && IsFunction(n) {
			return false
		}
		if !n.Is(syntax.KTryStatement) {
			return true
		}
		if h := n.Child(syntax.FHandler); !h.IsNil() && holdsReturn(h.Child(syntax.FBody)) {
			out, found = checkThenReturn(env, n.Child(syntax.FBody))
		}
		return !found
	})
	return out, found
}

// checkThenReturn finds, among the statements of a block, a file-system
// check without a callback followed by a statement that returns.
func checkThenReturn(env models.Env, block syntax.Node) (models.FSCall, bool) {
	var check models.FSCall
	seen := false
	for _, s := range block.NamedChildren() {
		if seen && holdsReturn(s) {
			return check, true
		}
		if !seen {
			check, seen = fsCheckIn(env, s)
		}
	}
	return models.FSCall{}, false
}

// fsCheckIn returns the first file-system check without a callback in a
// statement, outside the functions it holds.
func fsCheckIn(env models.Env, s syntax.Node) (models.FSCall, bool) {
	var out models.FSCall
	found := false
	s.Walk(func(m syntax.Node) bool {
		if found || IsFunction(m) {
			return false
		}
		if m.Is(syntax.KCallExpression) {
			if c, ok := models.ClassifyFS(m, env); ok && c.Kind == models.FSCheck && c.Callback.IsNil() {
				out, found = c, true
			}
		}
		return !found
	})
	return out, found
}

// holdsReturn reports whether a statement holds a return statement of its
// own function.
func holdsReturn(s syntax.Node) bool {
	found := false
	s.Walk(func(m syntax.Node) bool {
		if found || IsFunction(m) {
			return false
		}
		found = m.Is(syntax.KReturnStatement)
		return !found
	})
	return found
}

// fsCheckWords are what a file whose functions check paths mentions.
var fsCheckWords = Needles(models.FSCheckMethods...)
