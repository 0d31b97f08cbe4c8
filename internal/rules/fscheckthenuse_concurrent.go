package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// The shapes of fs-check-then-use where concurrent runs of the same code
// meet on one path without a check between them: a lock whose directory
// the locked code removes, a write every item of a parallel map makes to
// one file, and a symbolic link re-pointed and then read through.

// reportLockedRemoval reports a file lock that needs its path to exist
// (proper-lockfile resolves it first) taken on a directory created before
// the lock, when the same function removes that directory under the lock:
// a concurrent holder running the same code can remove it between the
// creation and the lock, and the lock fails with ENOENT.
func reportLockedRemoval(p *analysis.Pass) {
	f := p.File
	env := f.Env()
	if !strings.Contains(f.Tree.Src, "lock") {
		return
	}
	s := newSTP(p)
	for _, fn := range f.Funcs {
		calls := fn.Calls()
		for i, l := range calls {
			path, ok := models.FileLockOnExistingPath(l, env)
			if !ok {
				continue
			}
			want := f.Canonical(path)
			var created, removed syntax.Node
			for _, c := range calls[:i] {
				if cp, ok := models.IsDirCreate(c, env); ok && f.Canonical(cp) == want {
					created = c
				}
			}
			for _, c := range calls[i+1:] {
				for _, e := range s.effects(f, c) {
					if e.Effect == models.FSRemove && f.Canonical(e.Path) == want && removed.IsNil() {
						removed = c
					}
				}
			}
			if created.IsNil() || removed.IsNil() {
				continue
			}
			dir := brief(path.Text())
			msg := fmt.Sprintf("the lock on %s needs %s to exist, but it is created at line %d outside the lock while this code removes it under the lock at line %d; a concurrent holder can remove it in between, and the lock fails with ENOENT", dir, dir, created.Line(), removed.Line())
			fix := "Create only the stable parent outside the lock and the directory itself under the lock, and lock with { realpath: false } (or lock a separate lock path)."
			p.Report(l, msg, fix, p.At(created, "created outside the lock"), p.At(removed, "removed under the lock"))
		}
	}
}

// reportParallelWriters reports a write, in an async callback that runs
// once per item of a parallel map (Promise.all(items.map(async ...)), or an
// async forEach), to a path that does not depend on the item: every item
// writes the same file at once, and all but the last write are lost, or
// their contents interleave.
func reportParallelWriters(p *analysis.Pass) {
	f := p.File
	env := f.Env()
	s := newSTP(p)
	for _, fn := range f.Funcs {
		if !fn.Async {
			continue
		}
		each := sem.ParallelEach(fn)
		if each.IsNil() {
			continue
		}
		for _, c := range fn.Calls() {
			for _, e := range models.FSEffects(c, env) {
				if e.Effect != models.FSWrite {
					continue
				}
				var t tempName
				if !s.fixed(f, e.Path, &t, 0) || f.DependsOnScope(e.Path, fn.Node) {
					continue
				}
				msg := fmt.Sprintf("%s of %s runs once per item of the parallel %s, and the path does not depend on the item: the items write the same file at once, so all but the last write are lost or their contents interleave", e.Method, brief(e.Path.Text()), brief(each.Text()))
				fix := "Write the file once after the items are done (collect the results, then write), or give each item its own path."
				p.Report(c, msg, fix, p.At(each, "items run in parallel here"))
			}
		}
	}
}

// reportReadThroughRepointedLink reports code that re-points a symbolic
// link (so that concurrent runs of it re-point it too) and afterwards hands
// the link's path, or a path inside it, to other calls: each use resolves
// the link again, and a concurrent run can re-point it in between, so the
// uses see different, possibly half-built, directories.
func reportReadThroughRepointedLink(p *analysis.Pass) {
	f := p.File
	env := f.Env()
	for _, fn := range f.Funcs {
		calls := fn.Calls()
		for i, r := range calls {
			link, ok := models.SymlinkRepoint(r, env)
			if !ok || keepsExisting(r) {
				continue
			}
			lb := pathBinding(f, link)
			if lb == nil {
				continue
			}
			for _, c := range calls[i+1:] {
				if r.Contains(c) || models.IsPathBuilder(c, env) || !reachedAfter(r, c) {
					continue
				}
				arg, ok := usesPathIn(f, c, lb)
				if !ok {
					continue
				}
				chain, m := models.Callee(c)
				callee := strings.Join(append(chain, m), ".")
				msg := fmt.Sprintf("%s(%s) reaches %s through the symbolic link %s, which this code re-points at line %d; a concurrent run can re-point the link in between, so this call sees another run's (possibly half-built) directory", callee, arg.Text(), arg.Text(), lb.Name, r.Line())
				fix := "Resolve the link once (fs.realpath) or keep the directory it was pointed at, and use that directory instead of the link's path."
				p.Report(c, msg, fix, p.At(r, "link re-pointed here"))
				break
			}
			break
		}
	}
}

// pathBinding returns the variable a path expression is held in.
func pathBinding(f *sem.File, n syntax.Node) *sem.Binding {
	n = n.Unparen()
	if !n.Is(syntax.KIdentifier) {
		return nil
	}
	return f.Resolve(n)
}

// usesPathIn reports a call with an argument that is the link's variable
// or a variable built from it (path.join(link, "node_modules")).
func usesPathIn(f *sem.File, call syntax.Node, link *sem.Binding) (syntax.Node, bool) {
	for _, a := range models.Args(call) {
		if a = a.Unparen(); f.PathBuiltFrom(a, link) {
			return a, true
		}
	}
	return syntax.Node{}, false
}

// keepsExisting reports a link call told not to replace an existing link
// (symlinkDir(target, link, { overwrite: false })).
func keepsExisting(call syntax.Node) bool {
	for _, a := range models.Args(call) {
		if models.ObjectProp(a, "overwrite").Is(syntax.KFalse) {
			return true
		}
	}
	return false
}

// reachedAfter reports whether c can run after r: no block holding r but
// not c always leaves before c (an if branch ending in return).
func reachedAfter(r, c syntax.Node) bool {
	for b := r.Parent(); !b.IsNil() && !b.Contains(c); b = b.Parent() {
		if b.Is(syntax.KStatementBlock) && sem.Exits(b) {
			return false
		}
	}
	return true
}
