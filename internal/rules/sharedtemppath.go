package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "shared-temp-path",
		Severity: analysis.Medium,
		Title:    "a fixed, non-unique temporary path written and then renamed, read or deleted by code that runs concurrently",
		Fix:      "Give every call its own temporary name (crypto.randomUUID(), fs.mkdtemp, or process.pid with worker_threads.threadId and a per-call counter), or use write-file-atomic.",
		Run:      runSharedTempPath,
	})
}

// tempName is what a temporary path is built from.
type tempName struct {
	pid    bool // process.pid
	thread bool // worker_threads.threadId
	tmpdir bool // os.tmpdir()
	input  bool // a parameter of the function (or of a caller)
}

// tempUse is a later operation on the temporary path.
type tempUse struct {
	call   syntax.Node
	effect models.FSEffect
	method string
}

// stp holds one file's state for the rule.
type stp struct {
	p *analysis.Pass
	// assigned maps a binding to the values assigned to it after its
	// declaration; counters (x++) map to a nil entry.
	assigned map[*sem.File]map[*sem.Binding][]syntax.Node
	counters map[*sem.File]map[*sem.Binding]bool
	visiting map[*sem.Binding]bool
	inFunc   map[*sem.Func]bool
}

func runSharedTempPath(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	s := newSTP(p)
	f.EachCall(func(n syntax.Node) bool {
		fn := f.FuncAt(n)
		if fn == nil {
			return true
		}
		for _, w := range s.effects(f, n) {
			if w.Effect != models.FSWrite {
				continue
			}
			s.check(fn, n, w)
		}
		return true
	})
}

func newSTP(p *analysis.Pass) *stp {
	return &stp{p: p, visiting: map[*sem.Binding]bool{}, inFunc: map[*sem.Func]bool{},
		assigned: map[*sem.File]map[*sem.Binding][]syntax.Node{}, counters: map[*sem.File]map[*sem.Binding]bool{}}
}

// sharedByProcesses reports a path that every process running this code
// computes alike: built only from literals, module constants, the
// environment and system directories, not from a caller's input.
func sharedByProcesses(p *analysis.Pass, path syntax.Node) bool {
	var t tempName
	return newSTP(p).fixed(p.File, path, &t, 0) && !t.input && !t.pid && !t.thread
}

// check reports write w at call n when its path is fixed and a later
// operation in fn renames, removes or reads it across an interleaving point
// (or, for a name made unique only per process, at all).
func (s *stp) check(fn *sem.Func, n syntax.Node, w models.FSPathEffect) {
	f := s.p.File
	var t tempName
	if !s.fixed(f, w.Path, &t, 0) {
		return
	}
	for _, u := range s.laterUses(fn, n, w.Path) {
		switch {
		case u.effect == models.FSRead && !t.tmpdir:
			continue // a file read back after writing it need not be temporary
		case u.effect != models.FSRenameFrom && t.input && !t.tmpdir:
			// Named after the caller's file (with or without the
			// process id): only an atomic replace shows callers share it.
			continue
		}
		// A function that runs once per process has no other call of
		// itself in the process to interleave with.
		gap := interleaves(f, fn, n, u.call) && !f.NeverOverlaps(fn)
		if !gap && !(t.pid && !t.thread) {
			continue
		}
		s.report(n, w, u, t, gap)
		return
	}
}

func (s *stp) report(n syntax.Node, w models.FSPathEffect, u tempUse, t tempName, gap bool) {
	path := brief(w.Path.Text())
	var why string
	switch {
	case t.pid && !t.thread && !gap:
		why = "is named only by process.pid, which every worker thread of the process shares, so two threads writing it at once clobber each other's file"
	case t.pid:
		why = "is named only by the process, and other calls of this code in the process run at the interleaving point before it, writing the same file"
	default:
		why = "is the same for every call, and concurrent calls running between the write and the " + u.method + " write the same file"
	}
	var then string
	switch u.effect {
	case models.FSRenameFrom:
		then = "one call renames the other's half-written content into place, and the other's rename fails with ENOENT"
	case models.FSRemove:
		then = "one call removes the file another is still using"
	default:
		then = "a call reads another call's content"
	}
	msg := fmt.Sprintf("temporary file %s written here and passed to %s at line %d %s; %s", path, u.method, u.call.Line(), why, then)
	s.p.Report(n, msg, "", s.p.At(u.call, u.method+" of the temporary file"))
}

// interleaves reports an interleaving point between write n and use u:
// an await after the write starts, or u in a callback.
func interleaves(f *sem.File, fn *sem.Func, n, u syntax.Node) bool {
	if uf := f.FuncAt(u); uf != fn {
		return true
	}
	for _, a := range fn.Awaits {
		if a.End() > n.Start() && a.End() <= u.Start() {
			return true
		}
	}
	return false
}

// laterUses lists the operations after write n, in fn and its callbacks,
// that move away, remove or read the same path.
func (s *stp) laterUses(fn *sem.Func, n syntax.Node, path syntax.Node) []tempUse {
	f := s.p.File
	want := f.Canonical(path)
	var out []tempUse
	fn.Node.Walk(func(m syntax.Node) bool {
		if !m.Is(syntax.KCallExpression) || m.Start() <= n.Start() || m == n {
			return true
		}
		for _, e := range s.effects(f, m) {
			if e.Effect == models.FSWrite || f.Canonical(e.Path) != want {
				continue
			}
			out = append(out, tempUse{call: m, effect: e.Effect, method: e.Method})
		}
		return true
	})
	return out
}

// effects returns a call's file-system effects: a library call's own, or
// a project helper's effects on its parameters mapped onto the arguments.
func (s *stp) effects(f *sem.File, call syntax.Node) []models.FSPathEffect {
	if es := models.FSEffects(call, f.Env()); len(es) > 0 {
		return es
	}
	if s.p.Project == nil {
		return nil
	}
	if !s.p.Project.FSEffectHelper(f, call) {
		return nil // no project function of the name touches a parameter's path
	}
	cf, cfn := s.p.Project.ResolveCall(f, call)
	if cfn == nil {
		return nil
	}
	args := models.Args(call)
	var out []models.FSPathEffect
	for _, h := range s.p.Project.FSParamEffects(cf, cfn) {
		if h.Param < len(args) {
			out = append(out, models.FSPathEffect{Effect: h.Effect, Path: args[h.Param], Method: h.Method})
		}
	}
	return out
}

// fixed reports whether path expression n is the same for every call that
// passes the same inputs: literals, parameters, module constants, the
// environment, the temporary directory, process.pid, and path functions of
// those. Anything else (a random or time-based part, a counter, a call of
// an unknown function, an imported value) may make it unique.
func (s *stp) fixed(f *sem.File, n syntax.Node, t *tempName, depth int) bool {
	if depth > 16 {
		return false
	}
	n = n.Unparen()
	switch {
	case n.Is(syntax.KString, syntax.KNumber, syntax.KRegex):
		return true
	case n.Is(syntax.KTemplateString):
		for _, c := range n.NamedChildren() {
			if c.Is(syntax.KTemplateSubstitution) && !s.fixed(f, c.NamedChild(0), t, depth+1) {
				return false
			}
		}
		return true
	case n.Is(syntax.KBinaryExpression):
		switch n.Operator() {
		case "+", "??", "||":
			return s.fixed(f, n.Child(syntax.FLeft), t, depth+1) && s.fixed(f, n.Child(syntax.FRight), t, depth+1)
		}
		return false
	case n.Is(syntax.KAsExpression, syntax.KNonNullExpression, syntax.KSatisfiesExpression):
		return s.fixed(f, n.NamedChild(0), t, depth+1)
	case n.Is(syntax.KIdentifier):
		return s.fixedIdent(f, n, t, depth)
	case n.Is(syntax.KMemberExpression):
		return s.fixedMember(f, n, t, depth)
	case n.Is(syntax.KCallExpression):
		return s.fixedCall(f, n, t, depth)
	}
	return false
}

func (s *stp) fixedIdent(f *sem.File, n syntax.Node, t *tempName, depth int) bool {
	switch n.Text() {
	case "__dirname", "__filename":
		return true
	}
	b := f.Resolve(n)
	if b == nil {
		return false
	}
	if b.Import != nil {
		if models.ThreadIDModules[b.Import.Spec] || models.ThreadIDModules["node:"+b.Import.Spec] {
			t.thread = true
			return true
		}
		return false
	}
	if s.visiting[b] {
		return true // x = join(dir, x): adds nothing new
	}
	s.visiting[b] = true
	defer delete(s.visiting, b)
	s.collectAssignments(f)
	if s.counters[f][b] {
		return false
	}
	switch b.Kind {
	case sem.BParam:
		t.input = true
	case sem.BConst, sem.BLet, sem.BVar:
		d := b.Decl.Parent()
		if b.Init.IsNil() || !d.Is(syntax.KVariableDeclarator) || d.Child(syntax.FValue).IsNil() || !s.fixed(f, b.Init, t, depth+1) {
			return false
		}
	default:
		return false
	}
	for _, v := range s.assigned[f][b] {
		if !s.fixed(f, v, t, depth+1) {
			return false
		}
	}
	return true
}

func (s *stp) fixedMember(f *sem.File, n syntax.Node, t *tempName, depth int) bool {
	prop := n.Child(syntax.FProperty).Text()
	obj := n.Child(syntax.FObject).Unparen()
	if obj.Is(syntax.KIdentifier) && obj.Text() == "process" && f.Resolve(obj) == nil {
		switch prop {
		case "pid":
			t.pid = true
			return true
		case "env":
			return true
		}
		return false
	}
	if prop == "threadId" {
		if obj.Is(syntax.KIdentifier) {
			if b := f.Resolve(obj); b != nil && b.Import != nil && (models.ThreadIDModules[b.Import.Spec] || models.ThreadIDModules["node:"+b.Import.Spec]) {
				t.thread = true
				return true
			}
		}
	}
	root := obj
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	switch {
	case root.Is(syntax.KThis):
		t.input = true // the instance's configuration, like a parameter
		return true
	case root.Is(syntax.KIdentifier) && root.Text() == "process" && f.Resolve(root) == nil:
		return true // process.env.X
	case root.Is(syntax.KIdentifier):
		b := f.Resolve(root)
		if b == nil || b.Import != nil {
			return false
		}
		if b.Kind == sem.BParam {
			t.input = true
			return true
		}
		return b.ModuleLevel() && b.Kind == sem.BConst && b.Init.Unparen().Is(syntax.KObject)
	}
	return false
}

// stringMethods keep a fixed string fixed.
var stringMethods = map[string]bool{
	"replace": true, "replaceAll": true, "slice": true, "substring": true, "substr": true, "toLowerCase": true,
	"toUpperCase": true, "trim": true, "toString": true, "concat": true, "padStart": true, "padEnd": true,
	"indexOf": true, "lastIndexOf": true, "normalize": true,
}

func (s *stp) fixedCall(f *sem.File, n syntax.Node, t *tempName, depth int) bool {
	chain, method := models.Callee(n)
	args := models.Args(n)
	allArgs := func() bool {
		for _, a := range args {
			if !s.fixed(f, a, t, depth+1) {
				return false
			}
		}
		return true
	}
	spec := f.ImportSpecOf(n)
	if len(spec) > 5 && spec[:5] == "node:" {
		spec = spec[5:]
	}
	if models.PathBuilders[spec][method] {
		if models.TempDirFuncs[method] {
			t.tmpdir = true
		}
		return allArgs()
	}
	if len(chain) == 1 && chain[0] == "process" && method == "cwd" && spec == "" {
		return true
	}
	if len(chain) == 0 && method == "String" {
		return allArgs()
	}
	if fnNode := n.Child(syntax.FFunction).Unparen(); fnNode.Is(syntax.KMemberExpression) && stringMethods[method] && spec == "" {
		return s.fixed(f, fnNode.Child(syntax.FObject), t, depth+1) && allArgs()
	}
	if s.p.Project == nil || spec != "" && !isRelativeSpec(spec) {
		return false
	}
	cf, cfn := s.p.Project.ResolveCall(f, n)
	if cfn == nil || cfn.Async || cfn.Generator || len(cfn.Returns) == 0 || s.inFunc[cfn] || !allArgs() {
		return false
	}
	s.inFunc[cfn] = true
	defer delete(s.inFunc, cfn)
	for _, r := range cfn.Returns {
		if !s.fixed(cf, r, t, depth+1) {
			return false
		}
	}
	return true
}

func isRelativeSpec(spec string) bool { return len(spec) > 0 && spec[0] == '.' }

// collectAssignments records, once per file, the values assigned to each
// binding after its declaration and the bindings used as counters.
func (s *stp) collectAssignments(f *sem.File) {
	if _, ok := s.assigned[f]; ok {
		return
	}
	assigned := map[*sem.Binding][]syntax.Node{}
	counters := map[*sem.Binding]bool{}
	s.assigned[f], s.counters[f] = assigned, counters
	f.Root().Walk(func(m syntax.Node) bool {
		switch {
		case m.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression):
			if l := m.Child(syntax.FLeft).Unparen(); l.Is(syntax.KIdentifier) {
				if b := f.Resolve(l); b != nil {
					assigned[b] = append(assigned[b], m.Child(syntax.FRight))
				}
			}
		case m.Is(syntax.KUpdateExpression):
			if a := m.Child(syntax.FArgument).Unparen(); a.Is(syntax.KIdentifier) {
				if b := f.Resolve(a); b != nil {
					counters[b] = true
				}
			}
		}
		return true
	})
}
