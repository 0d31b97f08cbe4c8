package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A stale read-modify-write across a call: a caller reads a record, awaits,
// and hands the record (or a value computed from one of its fields) to a
// function that writes that field back computed from, or decided by, the
// copy it was given. Two requests each read the old value and the last
// write wins. The finding is the write; the caller's read and the call are
// its related locations.

// paramRef is a value inside a function that comes from one of its
// parameters: argument index and the property path below it ("user",
// "sessions" for a destructured { user } parameter's user.sessions).
type paramRef struct {
	index int
	path  []string
}

// staleDep is what a write in a function depends on: a parameter value
// and the field of the record the write changes that it must stand for.
type staleDep struct {
	ref   paramRef
	field string
	// own is set when the parameter is the record itself, whose field was
	// changed from its own old value before the write.
	own bool
}

// runStaleCallee reports writes of a function whose value or condition
// comes from a record its caller read before an await.
func runStaleCallee(p *analysis.Pass) {
	f := p.File
	proj := f.Project()
	if proj == nil {
		return
	}
	for _, fn := range f.Funcs {
		if !fn.Async || len(fn.Params()) == 0 || f.RunsOnce(fn) {
			continue
		}
		acc := f.Accesses(fn)
		for wi := range acc {
			w := &acc[wi]
			if w.Op != models.OpUpdate || w.Atomic || w.Relative || writeCarriesCheck(w) {
				continue
			}
			key, ok := writeKey(f, fn, w)
			if !ok || rereads(f, fn, acc, w, key) {
				continue
			}
			deps := writeDeps(f, fn, w)
			if len(deps) == 0 {
				continue
			}
			staleCallers(p, fn, w, key, deps)
		}
	}
}

// writeCarriesCheck reports a write that carries its own condition or a
// version: a compare-and-set.
func writeCarriesCheck(w *models.Access) bool {
	for _, fl := range w.Where {
		if fl.Cond || versionField(fl.Name) {
			return true
		}
	}
	return w.SQL != nil && len(w.SQL.WhereCols) > 1
}

// rereads reports whether the function works on a fresh copy: it reads
// the written resource, or fetches by the write's key, before the write,
// or the write is decided by a value fetched by its key (the stored hash
// is still the one checked).
func rereads(f *sem.File, fn *sem.Func, acc []models.Access, w *models.Access, key paramRef) bool {
	for i := range acc {
		r := &acc[i]
		if r.Op != models.OpRead || r.Call.Start() >= w.Call.Start() {
			continue
		}
		if sameKind(r, w) || fetchedBy(f, fn, r.Call, key) {
			return true
		}
	}
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry {
			continue
		}
		found := false
		g.Cond.Walk(func(m syntax.Node) bool {
			if found || !m.Is(syntax.KIdentifier) {
				return !found
			}
			if b := f.Resolve(m); b != nil && !b.Decl.IsNil() {
				if d := b.Decl.Parent(); d.Is(syntax.KVariableDeclarator) {
					if v := d.Child(syntax.FValue).Unparen(); v.Is(syntax.KAwaitExpression) {
						found = fetchedBy(f, fn, v, key)
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// fetchedBy reports whether a call's arguments carry the parameter value
// key.
func fetchedBy(f *sem.File, fn *sem.Func, call syntax.Node, key paramRef) bool {
	for _, r := range paramRefs(f, fn, call) {
		if r.index == key.index && strings.Join(r.path, ".") == strings.Join(key.path, ".") {
			return true
		}
	}
	return false
}

// writeKey returns the parameter value the write picks its record by.
func writeKey(f *sem.File, fn *sem.Func, w *models.Access) (paramRef, bool) {
	for _, fl := range w.Where {
		if fl.Cond || fl.Value.IsNil() {
			continue
		}
		if r, ok := paramOf(f, fn, fl.Value); ok {
			return r, true
		}
	}
	for _, k := range w.Keys {
		if r, ok := paramOf(f, fn, k); ok {
			return r, true
		}
	}
	return paramRef{}, false
}

// paramOf returns the parameter value expression e is: a parameter, a
// destructured parameter, and member accesses on them.
func paramOf(f *sem.File, fn *sem.Func, e syntax.Node) (paramRef, bool) {
	e = e.Unparen()
	var props []string
	for e.Is(syntax.KMemberExpression) {
		props = append([]string{e.Child(syntax.FProperty).Text()}, props...)
		e = e.Child(syntax.FObject).Unparen()
	}
	if !e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return paramRef{}, false
	}
	b := f.Resolve(e)
	if b == nil || b.Kind != sem.BParam {
		return paramRef{}, false
	}
	for i, p := range fn.Params() {
		if b.Decl.Start() < p.Start() || b.Decl.End() > p.End() {
			continue
		}
		if fn.ParamName(i) == b.Name {
			return paramRef{i, props}, true
		}
		if !b.Decl.Parent().Is(syntax.KObjectPattern, syntax.KPairPattern, syntax.KShorthandPropertyIdentifierPattern) &&
			!b.Decl.Is(syntax.KShorthandPropertyIdentifierPattern) {
			return paramRef{}, false
		}
		return paramRef{i, append([]string{destructuredKey(b.Decl)}, props...)}, true
	}
	return paramRef{}, false
}

// destructuredKey returns the property a destructured name is taken from.
func destructuredKey(decl syntax.Node) string {
	if p := decl.Parent(); p.Is(syntax.KPairPattern) {
		return p.Child(syntax.FKey).Text()
	}
	return decl.Text()
}

// paramRefs returns the parameter values mentioned inside n, outermost
// member chains first.
func paramRefs(f *sem.File, fn *sem.Func, n syntax.Node) []paramRef {
	var out []paramRef
	for _, m := range paramNodes(f, fn, n) {
		r, _ := paramOf(f, fn, m)
		out = append(out, r)
	}
	return out
}

// paramNodes returns the outermost expressions inside n that are
// parameter values.
func paramNodes(f *sem.File, fn *sem.Func, n syntax.Node) []syntax.Node {
	var out []syntax.Node
	n.Walk(func(m syntax.Node) bool {
		if m.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
			return false
		}
		if m.Is(syntax.KMemberExpression, syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
			if _, ok := paramOf(f, fn, m); ok {
				out = append(out, m)
				return false
			}
		}
		return true
	})
	return out
}

// writeDeps lists what a write's changed fields are computed from or
// decided by among the function's parameters.
func writeDeps(f *sem.File, fn *sem.Func, w *models.Access) []staleDep {
	var deps []staleDep
	var names []string
	for _, d := range w.Data {
		if d.Name == "" || d.Value.IsNil() {
			continue
		}
		if wr := (written{name: d.Name, value: d.Value, literal: d.Literal, sqlExpr: d.SQLExpr}); wr.constant() == "" && !wr.freshTime() {
			// A constant converges when two requests race.
			names = append(names, d.Name)
		}
		for _, m := range paramNodes(f, fn, d.Value) {
			r, _ := paramOf(f, fn, m)
			if len(r.path) == 0 || r.path[len(r.path)-1] != d.Name || !m.Is(syntax.KMemberExpression) {
				continue
			}
			rec := rootIdent(m)
			changed := containsString(ownChanges(f, fn, rec, w), d.Name)
			whole := d.Value.Unparen() == m
			// The old value written back as it was is not a change from it;
			// a value replaced before the write is not the old one.
			if whole && changed || !whole && !replaced(f, fn, rec, d.Name, w) {
				deps = append(deps, staleDep{ref: r, field: d.Name})
			}
		}
	}
	// A parameter record written back whole after its field was changed
	// from its own old value (rec.list.push(x); rec.n = rec.n + 1).
	for _, a := range models.Args(w.Call) {
		a.Walk(func(m syntax.Node) bool {
			if !m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
				return true
			}
			r, ok := paramOf(f, fn, m)
			if !ok || isKeyValue(m) {
				return true
			}
			for _, fld := range ownChanges(f, fn, m, w) {
				deps = append(deps, staleDep{ref: r, field: fld, own: true})
			}
			return true
		})
	}
	// A write decided by a parameter: if (verdict !== OK) return.
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry {
			continue
		}
		for _, r := range paramRefs(f, fn, g.Cond) {
			for _, n := range names {
				deps = append(deps, staleDep{ref: r, field: n})
			}
		}
	}
	return deps
}

// isKeyValue reports an identifier that is the value of an id or where
// property: it picks the record, it is not written.
func isKeyValue(m syntax.Node) bool {
	for p := m.Parent(); !p.IsNil() && !p.Is(syntax.KArguments); p = p.Parent() {
		if p.Is(syntax.KPair) {
			k := p.Child(syntax.FKey).Text()
			if idFields[k] || k == "where" {
				return true
			}
		}
	}
	return idFields[m.Text()] && m.Is(syntax.KShorthandPropertyIdentifier)
}

// ownChanges lists the fields of record rec (a parameter identifier) that
// the function changes from their own old values before write w:
// rec.f = g(rec.f), rec.f.push(x), rec.f += x.
func ownChanges(f *sem.File, fn *sem.Func, rec syntax.Node, w *models.Access) []string {
	b := f.Resolve(rec)
	if b == nil {
		return nil
	}
	isField := func(n syntax.Node) string {
		n = n.Unparen()
		if !n.Is(syntax.KMemberExpression) {
			return ""
		}
		o := n.Child(syntax.FObject).Unparen()
		if o.Is(syntax.KIdentifier) && f.Resolve(o) == b {
			return n.Child(syntax.FProperty).Text()
		}
		return ""
	}
	var out []string
	fn.Body.Walk(func(n syntax.Node) bool {
		if n.Start() >= w.Call.Start() {
			return false
		}
		switch {
		case n.Is(syntax.KAssignmentExpression):
			if fld := isField(n.Child(syntax.FLeft)); fld != "" && mentionsField(f, n.Child(syntax.FRight), b, fld) {
				out = append(out, fld)
			}
		case n.Is(syntax.KAugmentedAssignmentExpression):
			if fld := isField(n.Child(syntax.FLeft)); fld != "" {
				out = append(out, fld)
			}
		case n.Is(syntax.KCallExpression):
			_, m := models.Callee(n)
			if mutators[m] {
				if fld := isField(models.Receiver(n)); fld != "" {
					out = append(out, fld)
				}
			}
		}
		return true
	})
	return out
}

// replaced reports whether field fld of record rec is assigned a value
// that does not read it before write w.
func replaced(f *sem.File, fn *sem.Func, rec syntax.Node, fld string, w *models.Access) bool {
	b := f.Resolve(rec)
	if b == nil {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || n.Start() >= w.Call.Start() {
			return false
		}
		if n.Is(syntax.KAssignmentExpression) {
			l := n.Child(syntax.FLeft).Unparen()
			if l.Is(syntax.KMemberExpression) && l.Child(syntax.FProperty).Text() == fld {
				o := l.Child(syntax.FObject).Unparen()
				found = o.Is(syntax.KIdentifier) && f.Resolve(o) == b && !mentionsField(f, n.Child(syntax.FRight), b, fld)
			}
		}
		return !found
	})
	return found
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mutators change an array in place.
var mutators = map[string]bool{"push": true, "unshift": true, "splice": true, "pop": true, "shift": true}

// mentionsField reports whether n reads field fld of the record bound to b.
func mentionsField(f *sem.File, n syntax.Node, b *sem.Binding, fld string) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found {
			return false
		}
		if m.Is(syntax.KMemberExpression) && m.Child(syntax.FProperty).Text() == fld {
			o := m.Child(syntax.FObject).Unparen()
			found = o.Is(syntax.KIdentifier) && f.Resolve(o) == b
		}
		return !found
	})
	return found
}

// staleCallers reports w once for the first call of fn that hands it a
// record read before an await.
func staleCallers(p *analysis.Pass, fn *sem.Func, w *models.Access, key paramRef, deps []staleDep) {
	f := p.File
	proj := f.Project()
	name := fn.Name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return
	}
	for _, cf := range proj.Files {
		if !strings.Contains(cf.Tree.Src, name) {
			continue
		}
		reported := false
		cf.Root().Walk(func(n syntax.Node) bool {
			if reported {
				return false
			}
			if !n.Is(syntax.KCallExpression) || !sem.AwaitedOrReturned(n) {
				return true
			}
			if _, m := models.Callee(n); m != name {
				return true
			}
			if tf, tfn := proj.ResolveCall(cf, n); tf != f || tfn != fn {
				return true
			}
			if r, field := staleRead(cf, n, fn, w, key, deps); r != nil {
				reportStale(p, cf, r, n, w, field)
				reported = true
			}
			return true
		})
		if reported {
			return
		}
	}
}

// argAt follows a parameter path into a call's arguments: the object
// literal properties it names, and the member path left over.
func argAt(args []syntax.Node, r paramRef) (syntax.Node, []string) {
	if r.index >= len(args) {
		return syntax.Node{}, nil
	}
	n := args[r.index]
	path := r.path
	for len(path) > 0 && n.Unparen().Is(syntax.KObject) {
		n = models.ObjectProp(n, path[0])
		path = path[1:]
		if n.IsNil() {
			return n, nil
		}
	}
	return n, path
}

// staleRead returns the caller's read that call hands over stale to w, and
// the field at stake.
func staleRead(cf *sem.File, call syntax.Node, fn *sem.Func, w *models.Access, key paramRef, deps []staleDep) (*models.Access, string) {
	caller := cf.FuncAt(call)
	if caller == nil || !caller.Async {
		return nil, ""
	}
	args := models.Args(call)
	keyArg, keyRest := argAt(args, key)
	if keyArg.IsNil() {
		return nil, ""
	}
	acc := cf.Accesses(caller)
	for ri := range acc {
		r := &acc[ri]
		if r.Op != models.OpRead || r.Call.End() > call.Start() || !sameKind(r, w) {
			continue
		}
		if r.Locking && cf.InTransaction(r) {
			continue
		}
		if lr, ok := cf.LockAt(r.Call); ok {
			if lc, ok := cf.LockAt(call); ok && lr == lc {
				continue
			}
		}
		if len(caller.AwaitsBetween(r.Call, call)) == 0 && len(fn.AwaitsBetween(fn.Body, w.Call)) == 0 {
			continue
		}
		vars := cf.DerivedVars(caller, cf.ReadVars(r))
		if !keyFrom(cf, r, vars, keyArg, keyRest) {
			continue
		}
		for _, d := range deps {
			a, rest := argAt(args, d.ref)
			if a.IsNil() {
				continue
			}
			if depFrom(cf, caller, vars, a, rest, d) {
				return r, d.field
			}
		}
	}
	return nil, ""
}

// sameKind reports whether a read and a write touch the same kind of
// record: the same resource, or helpers whose nouns end in the same word
// (findCredentialAccount and updateAccount both name an account).
func sameKind(r, w *models.Access) bool {
	if sem.SameResource(r, w) {
		return true
	}
	if r.Kind != models.StoreHelper && w.Kind != models.StoreHelper {
		return false
	}
	x, y := headNoun(r.Resource), headNoun(w.Resource)
	return x != "" && x == y
}

// headNoun returns the last word of a camel-case noun, lower-cased.
func headNoun(s string) string {
	for i := len(s) - 1; i > 0; i-- {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s[i:])
		}
	}
	return strings.ToLower(s)
}

// fieldOf is the field a mention reads, with a member path appended.
func fieldOf(mentioned string, rest []string) string {
	if len(rest) > 0 {
		return rest[len(rest)-1]
	}
	return mentioned
}

// keyFrom reports whether the key argument is the read record's id.
func keyFrom(cf *sem.File, r *models.Access, vars []sem.ResultVar, a syntax.Node, rest []string) bool {
	ok, fields := cf.Mentions(a, vars)
	if !ok {
		return len(rest) == 0 && sem.ShareAtom(cf.RecordKeys(r), cf.KeyAtoms(a))
	}
	for _, x := range fields {
		if fl := fieldOf(x, rest); idFields[fl] || whereField(r, fl) || strings.HasSuffix(fl, "Id") {
			return true
		}
	}
	return false
}

// depFrom reports whether an argument carries the read record's old value
// of the field d stands for: the record itself when the callee changes it
// from its own value, the field, or a value computed from the field.
func depFrom(cf *sem.File, caller *sem.Func, vars []sem.ResultVar, a syntax.Node, rest []string, d staleDep) bool {
	want := sem.NormName(d.field)
	ok, fields := cf.Mentions(a, vars)
	if !ok {
		ok, fields = computedFrom(cf, caller, vars, a)
	}
	if !ok {
		return false
	}
	for _, x := range fields {
		fl := fieldOf(x, rest)
		if d.own && len(rest) == 0 && x == "" || sem.NormName(fl) == want {
			return true
		}
	}
	return false
}

// computedFrom looks through one call: a variable initialised with a call
// (awaited or not) whose arguments mention the read.
func computedFrom(cf *sem.File, caller *sem.Func, vars []sem.ResultVar, a syntax.Node) (bool, []string) {
	a = a.Unparen()
	if !a.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return false, nil
	}
	b := cf.Resolve(a)
	if b == nil || b.Decl.IsNil() {
		return false, nil
	}
	d := b.Decl.Parent()
	if !d.Is(syntax.KVariableDeclarator) {
		return false, nil
	}
	v := d.Child(syntax.FValue).Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChildren()[0].Unparen()
	}
	if !v.Is(syntax.KCallExpression) {
		return false, nil
	}
	return cf.Mentions(v.Child(syntax.FArguments), vars)
}

func reportStale(p *analysis.Pass, cf *sem.File, r *models.Access, call syntax.Node, w *models.Access, field string) {
	what := displayName(r.Resource)
	if what == "" {
		what = "the record"
	}
	msg := fmt.Sprintf("%s of %s is written from the copy a caller read at %s:%d and handed over after an await; a concurrent request's write to it in between is lost", field, what, cf.Path, r.Call.Line())
	p.Report(w.Call, msg, "Re-read the record inside the write's transaction (with a row lock), write only if the stored value is still the one read, or use an atomic update ($push, increment, SET x = x + 1).",
		analysis.RelatedAt(cf, r.Call, "read here"), analysis.RelatedAt(cf, call, "handed over here"))
}
