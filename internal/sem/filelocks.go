package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// UnderFileLock reports whether n runs while a lock held across processes
// is taken: after an awaited file lock (proper-lockfile, from the models)
// in an enclosing function that nothing released before n, or inside a
// callback given to a project helper whose body takes such a lock. A lock
// is known by what it is, never by its name; an in-process mutex does not
// count, since other processes share the file system.
func (f *File) UnderFileLock(n syntax.Node) bool {
	env := f.Env()
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		for _, c := range fn.Calls() {
			if c.Start() >= n.Start() {
				break
			}
			if models.IsFileLock(c, env) && !releasedBefore(fn, c, n) {
				return true
			}
		}
		if call := CallbackOf(fn.Node); !call.IsNil() && f.helperTakesFileLock(call) {
			return true
		}
	}
	return false
}

// releasedBefore reports a call of the release function a lock returned
// (const release = await lock(p)) between the lock and n.
func releasedBefore(fn *Func, lock, n syntax.Node) bool {
	d := lock.Parent()
	for d.Is(syntax.KAwaitExpression, syntax.KParenthesizedExpression) {
		d = d.Parent()
	}
	if !d.Is(syntax.KVariableDeclarator) {
		return false
	}
	name := d.Child(syntax.FName).Text()
	for _, c := range fn.Calls() {
		if c.Start() > lock.End() && c.End() <= n.Start() {
			if chain, m := models.Callee(c); len(chain) == 0 && m == name {
				return true
			}
		}
	}
	return false
}

// helperTakesFileLock reports a call of a project function whose own body
// takes a file lock (withCacheLock(dir, async () => { ... })).
func (f *File) helperTakesFileLock(call syntax.Node) bool {
	if f.project == nil {
		return false
	}
	cf, cfn := f.project.ResolveCall(f, call)
	if cfn == nil {
		return false
	}
	for _, c := range cfn.Calls() {
		if models.IsFileLock(c, cf.Env()) {
			return true
		}
	}
	return false
}
