package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "fs-check-then-use",
		Severity: analysis.High,
		Title:    "a file-system check (exists, stat, access) decides an operation on the same path, which can change in between",
		Fix:      "Drop the check and handle the operation's own error (try { await readFile(p) } catch (err) { if (err.code === 'ENOENT') ... }), or create exclusively with open(p, 'wx') and handle EEXIST.",
		Run:      runFSCheckThenUse,
	})
}

// fsCheck is a check on a path and how its value is held.
type fsCheck struct {
	call syntax.Node
	path syntax.Node
	vars []sem.ResultVar
}

func runFSCheckThenUse(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	env := f.Env()
	reportLockedRemoval(p)
	reportParallelWriters(p)
	reportReadThroughRepointedLink(p)
	var checks []fsCheck
	f.EachCall(func(n syntax.Node) bool {
		if c, ok := models.ClassifyFS(n, env); ok && c.Kind == models.FSCheck {
			checks = append(checks, fsCheck{call: n, path: c.Paths[0], vars: checkVars(f, n)})
			return true
		}
		if path, ok := checkHelperPath(p, n); ok {
			checks = append(checks, fsCheck{call: n, path: path, vars: checkVars(f, n)})
		}
		return true
	})
	for i := range checks {
		if fn := f.FuncAt(checks[i].call); fn != nil {
			checks[i].vars = fsDerivedVars(f, fn, checks[i].vars)
		}
	}
	if len(checks) == 0 {
		return
	}
	f.EachCall(func(n syntax.Node) bool {
		u, ok := models.ClassifyFS(n, env)
		// Code that runs once per process races only with other
		// processes; of those races only the start-up mkdir (EEXIST) is
		// reported.
		if !ok || u.Kind != models.FSUse || u.Safe || (f.FuncAt(n) == nil || f.NeverOverlaps(f.FuncAt(n))) && !isMkdir(u.Method) {
			return true
		}
		for i := range checks {
			c := &checks[i]
			if c.call.Start() >= n.Start() || !f.SamePath(c.path, u.Paths) && !(isRemoval(u.Method) && f.PathInside(c.path, u.Paths[0])) {
				continue
			}
			guard, creates, value, ok := decidedBy(f, c, n, &u)
			if !ok {
				continue
			}
			if f.UnderFileLock(c.call) && f.UnderFileLock(n) || madeBefore(f, env, c, n, &u) {
				break
			}
			// Only the path a copy or rename writes is created by it; a
			// rename onto a path that appeared fails (directories) or
			// replaces it, which a catch can handle.
			creates = creates && f.SamePath(c.path, u.Paths[len(u.Paths)-1:]) && !isMove(u.Method)
			// Whoever decides to write writes the same bytes (a default
			// configuration, a copy of a template shipped with the code):
			// a write that overwrites or recreates the file changes
			// nothing.
			if !u.Content.IsNil() && f.ProcessInvariant(u.Content) {
				break
			}
			if !u.Mutates && choosesHow(f, env, c, guard, n) {
				break
			}
			if !creates && f.HandledThroughExecutors(n) {
				break
			}
			if !creates && !value && !writesChecked(f, c, &u) && failsWhenMissing(f, c, n) {
				break
			}
			// A synchronous check and use leave no gap to other requests of
			// this process; only another process can change the path in
			// between. That matters when the use overwrites what appeared
			// (create-if-missing) or acts on what the check measured (a
			// stale-file removal), not for a read that would merely throw.
			if !asyncCheck(c.call) && !creates && !(value && u.Mutates) {
				break
			}
			// A synchronous check and mkdir race only with other
			// processes, which matters for a directory they all use.
			if !asyncCheck(c.call) && creates && isMkdir(u.Method) && !(value && u.Mutates) && !sharedByProcesses(p, u.Paths[0]) {
				break
			}
			reportFS(p, c, n, &u, guard, creates)
			break
		}
		return true
	})
}

// madeBefore reports a use that acts on what this call has just made: an
// earlier write, copy or mkdir on the way from the check to n created or
// replaced the path n uses (writeFileSync(p, script) then chmodSync(p,
// "755")). Whatever race there is lies at that write, which is judged on
// its own; n changes this call's own file.
func madeBefore(f *sem.File, env models.Env, c *fsCheck, n syntax.Node, u *models.FSCall) bool {
	fn := f.FuncAt(n)
	if fn == nil {
		return false
	}
	for _, e := range fn.Calls() {
		if e.Start() < c.call.End() || e.End() > n.Start() {
			continue
		}
		w, ok := models.ClassifyFS(e, env)
		if !ok || w.Kind != models.FSUse || w.Content.IsNil() && !isMkdir(w.Method) {
			continue
		}
		if f.SamePath(w.Paths[len(w.Paths)-1], u.Paths) && sem.Reaches(e, n) {
			return true
		}
	}
	return false
}

// checkVars returns the variables a check's result is stored in, for
// awaited and synchronous checks alike.
func checkVars(f *sem.File, call syntax.Node) []sem.ResultVar {
	if vs := f.ResultVars(call); len(vs) > 0 {
		return vs
	}
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KVariableDeclarator) && p.Child(syntax.FValue).Unparen() == call {
		if id := p.Child(syntax.FName); id.Is(syntax.KIdentifier) {
			if b := f.Resolve(id); b != nil {
				return []sem.ResultVar{{Binding: b, Node: call}}
			}
		}
	}
	return nil
}

// decidedBy reports whether check c decides use n: a guard of n contains
// the check or tests its result, n follows a try { check } catch { exit },
// or n runs in the check's callback under a test of its arguments. creates
// is set when n runs because the path was missing and n creates it.
func decidedBy(f *sem.File, c *fsCheck, n syntax.Node, u *models.FSCall) (guard syntax.Node, creates, value, ok bool) {
	for _, g := range f.GuardsThroughExecutors(n) {
		if g.Kind == sem.GuardTry {
			if g.Cond.Contains(c.call) {
				return g.Stmt, false, false, true
			}
			continue
		}
		if g.Cond.End() < c.call.Start() {
			continue
		}
		uses := f.ValueUses(g.Cond, c.vars, nil)
		if g.Cond.Contains(c.call) || len(uses) > 0 {
			for _, v := range uses {
				value = value || v.Test == sem.TestValue && v.Field != "*"
			}
			return g.Cond, missingBranch(f, c, g) && u.Mutates && !isRemoval(u.Method), value, true
		}
	}
	// fs.exists(p, (ok) => { if (!ok) fs.writeFile(p, ...) })
	if cb, found := callbackOfCheck(f, c, n); found {
		for _, g := range f.Guards(n) {
			if g.Kind == sem.GuardTry {
				continue
			}
			if mentionsParams(f, g.Cond, cb) {
				return g.Cond, false, false, true
			}
		}
	}
	return syntax.Node{}, false, false, false
}

// asyncCheck reports a check whose result arrives later (awaited, or given
// to a callback), so other requests of the process run in between.
func asyncCheck(call syntax.Node) bool {
	if m := models.Method(call); strings.HasSuffix(m, "Sync") {
		return false
	}
	if sem.AwaitedOrReturned(call) {
		return true
	}
	for p := call.Parent(); !p.IsNil() && !sem.IsFunction(p); p = p.Parent() {
		if p.Is(syntax.KAwaitExpression) {
			return true
		}
	}
	for _, a := range models.Args(call) {
		if sem.IsFunction(a.Unparen()) {
			return true
		}
	}
	return false
}

func isMkdir(m string) bool { return strings.HasPrefix(m, "mkdir") }

// isUse returns a test of whether an expression is the check or a
// variable holding its result, for sem.WhenMissing.
func (c *fsCheck) isUse(f *sem.File) func(syntax.Node) bool {
	return func(m syntax.Node) bool {
		m = m.Unparen()
		if m.Is(syntax.KAwaitExpression) {
			m = m.NamedChild(0).Unparen()
		}
		if m == c.call {
			return true
		}
		if m.Is(syntax.KIdentifier) {
			b := f.Resolve(m)
			for _, v := range c.vars {
				if v.Binding == b {
					return true
				}
			}
		}
		return false
	}
}

// missingBranch reports whether guard g lets its statement run when the
// checked path does not exist.
func missingBranch(f *sem.File, c *fsCheck, g sem.Guard) bool {
	isUse := c.isUse(f)
	v := sem.WhenMissing(g.Cond, isUse)
	if g.Negated {
		return v == sem.False
	}
	return v == sem.True
}

// callbackOfCheck returns the callback of a callback-style check when n
// runs inside it.
func callbackOfCheck(f *sem.File, c *fsCheck, n syntax.Node) (*sem.Func, bool) {
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if call := sem.CallbackOf(fn.Node); call == c.call {
			return fn, true
		}
	}
	return nil, false
}

func mentionsParams(f *sem.File, cond syntax.Node, fn *sem.Func) bool {
	found := false
	cond.Walk(func(m syntax.Node) bool {
		if found {
			return false
		}
		if m.Is(syntax.KIdentifier) {
			if b := f.Resolve(m); b != nil && b.Kind == sem.BParam && b.Scope != nil && b.Scope.Node == fn.Node {
				found = true
			}
		}
		return true
	})
	return found
}

func reportFS(p *analysis.Pass, c *fsCheck, n syntax.Node, u *models.FSCall, guard syntax.Node, creates bool) {
	check := models.Method(c.call)
	path := brief(c.path.Text())
	if !p.File.SamePath(c.path, u.Paths) {
		path = brief(u.Paths[0].Text()) + " (holding " + path + ")"
	}
	var msg, fix string
	switch {
	case creates && isMkdir(u.Method):
		msg = fmt.Sprintf("%s creates %s because %s found it missing at line %d; another process or request can create it in between, and this call then fails with EEXIST", u.Method, path, check, c.call.Line())
		fix = "Drop the check and create the directory with mkdir(path, { recursive: true }), which succeeds when it exists already."
	case creates:
		msg = fmt.Sprintf("%s creates %s because %s found it missing at line %d; another process or request can create it in between, and this call then overwrites it", u.Method, path, check, c.call.Line())
		fix = "Create the file exclusively (open(path, 'wx') or writeFile(path, data, { flag: 'wx' })) and handle EEXIST instead of checking first."
	case isMove(u.Method) && len(u.Paths) > 1 && p.File.SamePath(c.path, u.Paths[1:]) && !p.File.SamePath(c.path, u.Paths[:1]):
		msg = fmt.Sprintf("%s of %s onto %s depends on the %s check at line %d; a concurrent run can finish first and create %s in between, and this call then fails with EEXIST or ENOTEMPTY (a directory) or replaces that run's result", u.Method, brief(u.Paths[0].Text()), path, check, c.call.Line(), path)
		fix = "Drop the check and handle the rename's own error: on EEXIST or ENOTEMPTY another run finished first, so discard this copy and use the one in place."
	case isRemoval(u.Method):
		msg = fmt.Sprintf("%s of %s depends on the %s check at line %d; a concurrent run can remove the path in between, and this call then fails with ENOENT", u.Method, path, check, c.call.Line())
		fix = "Drop the check or make the removal tolerate a missing path (rm(path, { force: true }), or catch ENOENT)."
	default:
		msg = fmt.Sprintf("%s of %s depends on the %s check at line %d; the path can be removed, replaced or created in between, so the check does not protect the operation", u.Method, path, check, c.call.Line())
		fix = "Drop the check and handle the operation's own error (try { ... } catch (err) { if (err.code === 'ENOENT') ... })."
	}
	related := []analysis.Related{p.At(c.call, "checked here")}
	if !guard.IsNil() && !guard.Contains(c.call) {
		related = append(related, p.At(guard, "decided here"))
	}
	p.Report(n, msg, fix, related...)
}

// isRemoval reports removing uses (unlink, rm, rmdir).
func isRemoval(m string) bool {
	switch strings.TrimSuffix(m, "Sync") {
	case "unlink", "rm", "rmdir":
		return true
	}
	return false
}

// checkHelperPath reports a call of a project function that returns a
// file-system check of one of its parameters (getStats(p) { return
// fs.lstat(p) }), and the argument it checks.
func checkHelperPath(p *analysis.Pass, call syntax.Node) (syntax.Node, bool) {
	if p.Project == nil || !p.Project.FSCheckHelper(p.File, call) {
		return syntax.Node{}, false
	}
	cf, cfn := p.Project.ResolveCall(p.File, call)
	if cfn == nil {
		return syntax.Node{}, false
	}
	c, ok := sem.ReturnedFSCheck(cf, cfn)
	if !ok || len(c.Paths) == 0 {
		return syntax.Node{}, false
	}
	args := models.Args(call)
	if i := sem.PathParam(cf, cfn, c.Paths[0]); i >= 0 && i < len(args) {
		return args[i], true
	}
	return syntax.Node{}, false
}

// fsDerivedVars extends a check's result variables with the variables of
// fn declared or assigned later from them (shouldClean = stats !== 'ENOENT'
// && isOld(stats)).
func fsDerivedVars(f *sem.File, fn *sem.Func, vars []sem.ResultVar) []sem.ResultVar {
	if len(vars) == 0 || fn.Body.IsNil() {
		return vars
	}
	out := f.DerivedVars(fn, vars)
	start := vars[0].Node.End()
	has := func(b *sem.Binding) bool {
		for _, v := range out {
			if v.Binding == b {
				return true
			}
		}
		return false
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if sem.IsFunction(n) {
			return false
		}
		if !n.Is(syntax.KAssignmentExpression) || n.Start() < start {
			return true
		}
		l := n.Child(syntax.FLeft).Unparen()
		if !l.Is(syntax.KIdentifier) {
			return true
		}
		if b := f.Resolve(l); b != nil && !has(b) {
			if ok, _ := f.Mentions(n.Child(syntax.FRight), out); ok {
				out = append(out, sem.ResultVar{Binding: b, Node: n})
			}
		}
		return true
	})
	return out
}

// choosesHow reports a check whose if/else runs an operation on the same
// path in both branches: it selects how to read the path (stream or buffer
// by its size), not whether, so it protects nothing.
func choosesHow(f *sem.File, env models.Env, c *fsCheck, guard, n syntax.Node) bool {
	st := guard.Parent()
	if !st.Is(syntax.KIfStatement) || st.Child(syntax.FCondition) != guard {
		return false
	}
	other := st.Child(syntax.FAlternative)
	if other.IsNil() {
		return false
	}
	if other.Contains(n) {
		other = st.Child(syntax.FConsequence)
	}
	found := false
	other.Walk(func(m syntax.Node) bool {
		if found || !m.Is(syntax.KCallExpression) {
			return !found
		}
		if u, ok := models.ClassifyFS(m, env); ok && u.Kind == models.FSUse && f.SamePath(c.path, u.Paths) {
			found = true
		}
		return !found
	})
	return found
}

// isMove reports uses that move a path onto another (rename, fs-extra move).
func isMove(m string) bool {
	switch strings.TrimSuffix(m, "Sync") {
	case "rename", "move":
		return true
	}
	return false
}

// writesChecked reports a use that writes the checked path: a write, or a
// copy or rename onto it. Reading it, or copying or moving it elsewhere,
// only fails when it is gone.
func writesChecked(f *sem.File, c *fsCheck, u *models.FSCall) bool {
	if !u.Mutates || isRemoval(u.Method) {
		return false
	}
	if len(u.Paths) > 1 {
		return f.SamePath(c.path, u.Paths[len(u.Paths)-1:])
	}
	return true
}

// failsWhenMissing reports a use that runs only when the check found the
// path, while a missing path ends in an error anyway: the branch taken
// when it is missing throws (if (!(await exists(p))) throw ...; try {
// await stat(p) } catch { throw ... }), or the check itself rejects on a
// missing path (await stat(p) outside any try). A path removed between the
// check and the use then only makes the use fail instead, with the same
// outcome for the caller: the check protects nothing, but loses nothing.
func failsWhenMissing(f *sem.File, c *fsCheck, n syntax.Node) bool {
	if rejectsWhenMissing(f, c.call) {
		return true
	}
	isUse := c.isUse(f)
	for _, g := range f.GuardsThroughExecutors(n) {
		if g.Kind == sem.GuardTry {
			if g.Cond.Contains(c.call) {
				return sem.EndsInThrow(g.Stmt.Child(syntax.FHandler).Child(syntax.FBody))
			}
			continue
		}
		var v sem.Tri
		switch {
		case errParamTest(f, c.call, g.Cond):
			v = sem.True // fs.access(p, (err) => { if (err) ... }): err is set when p is missing
		case !g.Cond.Contains(c.call) && len(f.ValueUses(g.Cond, c.vars, nil)) == 0:
			continue
		default:
			v = sem.WhenMissing(g.Cond, isUse)
		}
		// The branch that runs when the path is missing: for a guard the
		// use runs under when Cond is true, the one taken when it is false.
		var missing syntax.Node
		switch {
		case g.Kind == sem.GuardEarlyExit && v == sem.True:
			missing = g.Stmt.Child(syntax.FConsequence)
		case g.Kind == sem.GuardIf && !g.Negated && v == sem.False:
			if alt := g.Stmt.Child(syntax.FAlternative); !alt.IsNil() {
				missing = alt.NamedChild(0)
			}
		case g.Kind == sem.GuardIf && g.Negated && v == sem.True:
			missing = g.Stmt.Child(syntax.FConsequence)
		}
		// In callback style the missing branch may fail by answering an
		// error or handing one to the caller's callback; the use, when
		// the path went away in between, then fails into a handler too.
		return sem.EndsInThrow(missing) || (sem.EndsInFailure(missing) || f.PassesError(missing)) && f.ErrorToCallback(n)
	}
	return false
}

// errParamTest reports a condition that is the error parameter of an
// error-first callback given to the check (access, stat, lstat).
func errParamTest(f *sem.File, check, cond syntax.Node) bool {
	c, ok := models.ClassifyFS(check, f.Env())
	if !ok || c.Callback.IsNil() || c.Method == "exists" {
		return false
	}
	cb := c.Callback.Unparen()
	if !sem.IsFunction(cb) {
		return false
	}
	first := sem.FirstParam(cb)
	cond = cond.Unparen()
	return first.Is(syntax.KIdentifier) && cond.Is(syntax.KIdentifier) && f.Resolve(cond) != nil && f.Resolve(cond) == f.Resolve(first)
}

// rejectsWhenMissing reports an awaited stat, lstat or access of the
// promise API that nothing around it catches: on a missing path it throws
// out of the function.
func rejectsWhenMissing(f *sem.File, call syntax.Node) bool {
	c, ok := models.ClassifyFS(call, f.Env())
	if !ok || c.Kind != models.FSCheck || !c.Callback.IsNil() {
		return false
	}
	switch c.Method {
	case "stat", "lstat", "access":
	default:
		return false
	}
	return sem.AwaitedOrReturned(call) && !f.HandledInTry(call)
}
