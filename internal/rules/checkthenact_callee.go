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

// staleDep is what a write in a function depends on: a parameter value
// and the field of the record the write changes that it must carry.
type staleDep struct {
	ref   sem.ParamRef
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
		if !fn.Async || len(fn.Params()) == 0 || f.NeverOverlaps(fn) {
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
			if deps := writeDeps(f, fn, w); len(deps) > 0 {
				staleCallers(p, fn, w, key, deps)
			}
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
// or the write is decided by a value fetched by its key (the stored value
// is still the one the caller saw).
func rereads(f *sem.File, fn *sem.Func, acc []models.Access, w *models.Access, key sem.ParamRef) bool {
	for i := range acc {
		r := &acc[i]
		if r.Op == models.OpRead && r.Call.Start() < w.Call.Start() && (sameKind(r, w) || f.FetchedBy(fn, r.Call, key)) {
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
						found = f.FetchedBy(fn, v, key)
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

// writeKey returns the parameter value the write picks its record by, or
// the parameter record it saves.
func writeKey(f *sem.File, fn *sem.Func, w *models.Access) (sem.ParamRef, bool) {
	if !w.Record.IsNil() {
		return f.ParamOf(fn, w.Record)
	}
	for _, fl := range w.Where {
		if fl.Cond || fl.Value.IsNil() {
			continue
		}
		if r, ok := f.ParamOf(fn, fl.Value); ok {
			return r, true
		}
	}
	for _, k := range w.Keys {
		if r, ok := f.ParamOf(fn, k); ok {
			return r, true
		}
	}
	return sem.ParamRef{}, false
}

// writeDeps lists what the fields a write changes are computed from or
// decided by among the function's parameters.
func writeDeps(f *sem.File, fn *sem.Func, w *models.Access) []staleDep {
	var deps []staleDep
	var names []string
	for _, d := range w.Data {
		if d.Name == "" || d.Value.IsNil() {
			continue
		}
		if wr := (written{name: d.Name, value: d.Value, literal: d.Literal, sqlExpr: d.SQLExpr}); wr.constant() == "" && !wr.freshTime(f) {
			// A constant converges when two requests race.
			names = append(names, d.Name)
		}
		deps = append(deps, valueDeps(f, fn, w, d)...)
	}
	// A parameter record written back whole (data: user, repo.save(user),
	// user.save()) after its field was changed from its own old value
	// (rec.list.push(x); rec.n = rec.n + 1).
	recs := models.Args(w.Call)
	if !w.Record.IsNil() {
		recs = []syntax.Node{w.Record}
	}
	for _, a := range recs {
		a.Walk(func(m syntax.Node) bool {
			if !m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
				return true
			}
			r, ok := f.ParamOf(fn, m)
			if !ok || isKeyValue(m) {
				return true
			}
			// A loaded record's save() writes only fields it saw assigned;
			// an array changed in place may be saved as an atomic push.
			inPlace := w.Record.IsNil()
			for _, fld := range f.OwnChanges(fn, m, w.Call, inPlace) {
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
		for _, m := range f.ParamNodes(fn, g.Cond) {
			r, _ := f.ParamOf(fn, m)
			for _, n := range names {
				deps = append(deps, staleDep{ref: r, field: n})
			}
		}
	}
	return deps
}

// valueDeps lists the parameter fields a written value is computed from:
// the same field of a parameter record ({ tags: [...post.tags, tag] }), a
// parameter used in a computed value (score + points), or the field
// written back after an in-place change. The old value
// written back as it was, or a field replaced before the write, is not a
// change from the old value.
func valueDeps(f *sem.File, fn *sem.Func, w *models.Access, d models.Field) []staleDep {
	var deps []staleDep
	for _, m := range f.ParamNodes(fn, d.Value) {
		if p := m.Parent(); m.Is(syntax.KMemberExpression) && p.Is(syntax.KCallExpression) && p.Child(syntax.FFunction) == m {
			m = m.Child(syntax.FObject).Unparen() // tags.concat(x) computes from tags
		}
		r, ok := f.ParamOf(fn, m)
		if !ok {
			continue
		}
		if !m.Is(syntax.KMemberExpression) {
			// A value handed over by itself (addScore(id, row.score, n)),
			// computed here: the call site must hand the same field.
			if d.Value.Unparen() != m {
				deps = append(deps, staleDep{ref: r, field: d.Name})
			}
			continue
		}
		if r.Last() != d.Name {
			continue
		}
		rec := rootIdent(m)
		if d.Value.Unparen() == m {
			if !containsString(f.OwnChanges(fn, rec, w.Call, true), d.Name) {
				continue
			}
		} else if f.Replaced(fn, rec, d.Name, w.Call) {
			continue
		}
		deps = append(deps, staleDep{ref: r, field: d.Name})
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

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// staleCallers reports w once, for the first call of fn that hands it a
// record read before an await.
func staleCallers(p *analysis.Pass, fn *sem.Func, w *models.Access, key sem.ParamRef, deps []staleDep) {
	for _, cs := range p.File.Project().CallSites(p.File, fn) {
		if r, field := staleRead(cs.File, cs.Call, fn, w, key, deps); r != nil {
			reportStale(p, cs.File, r, cs.Call, w, field)
			return
		}
	}
}

// staleRead returns the caller's read that call hands over stale to w, and
// the field at stake. Callers in tests and scripts, and start-up code, do
// not race with copies of themselves.
func staleRead(cf *sem.File, call syntax.Node, fn *sem.Func, w *models.Access, key sem.ParamRef, deps []staleDep) (*models.Access, string) {
	caller := cf.FuncAt(call)
	if cf.OneProcess() || caller == nil || !caller.Async || cf.NeverOverlaps(caller) {
		return nil, ""
	}
	args := models.Args(call)
	keyArg, keyRest := sem.ArgAt(args, key)
	if keyArg.IsNil() {
		return nil, ""
	}
	acc := cf.Accesses(caller)
	for ri := range acc {
		r := &acc[ri]
		if r.Op != models.OpRead || r.Call.End() > call.Start() || !sameKind(r, w) || callerSafe(cf, r, call) {
			continue
		}
		if len(caller.AwaitsBetween(r.Call, call)) == 0 && len(fn.AwaitsBetween(fn.Body, w.Call)) == 0 {
			continue
		}
		vars := cf.DerivedVars(caller, cf.ReadVars(r))
		if !keyFrom(cf, r, vars, keyArg, keyRest, !w.Record.IsNil()) {
			continue
		}
		for _, d := range deps {
			if a, rest := sem.ArgAt(args, d.ref); !a.IsNil() && depFrom(cf, vars, a, rest, d) {
				return r, d.field
			}
		}
	}
	return nil, ""
}

// callerSafe reports a read taken with a row lock in a transaction, or
// under one lock with the call.
func callerSafe(cf *sem.File, r *models.Access, call syntax.Node) bool {
	if r.Locking && cf.InTransaction(r) {
		return true
	}
	if lr, ok := cf.LockAt(r.Call); ok {
		if lc, ok := cf.LockAt(call); ok && lr == lc {
			return true
		}
	}
	return false
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

// keyFrom reports whether the key argument picks the read record: its id
// or where value, or, for a saved record, the read value itself.
func keyFrom(cf *sem.File, r *models.Access, vars []sem.ResultVar, a syntax.Node, rest []string, whole bool) bool {
	ok, fields := cf.Mentions(a, vars)
	if !ok {
		return !whole && len(rest) == 0 && sem.ShareAtom(cf.RecordKeys(r), cf.KeyAtoms(a))
	}
	for _, x := range fields {
		fl := fieldOf(x, rest)
		if whole && fl == "" || !whole && (idFields[fl] || whereField(r, fl) || strings.HasSuffix(fl, "Id")) {
			return true
		}
	}
	return false
}

// depFrom reports whether an argument carries the read record's old value
// of the field d stands for: the record itself when the callee changes it
// from its own value, the field, or a value computed from the field.
func depFrom(cf *sem.File, vars []sem.ResultVar, a syntax.Node, rest []string, d staleDep) bool {
	want := sem.NormName(d.field)
	ok, fields := cf.Mentions(a, vars)
	if !ok {
		ok, fields = cf.ComputedFrom(vars, a)
	}
	if !ok {
		return false
	}
	for _, x := range fields {
		if d.own && len(rest) == 0 && x == "" || sem.NormName(fieldOf(x, rest)) == want {
			return true
		}
	}
	return false
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
