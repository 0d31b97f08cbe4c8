package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A find-or-create through a list: the code lists records (a user's
// workspaces), searches the list in memory for one with a key
// (list.some(w => w.name === name)), and creates one with that key when
// none matched. The search is a lookup made on a copy, so two requests
// both miss and both create.

// createsWhenNotListed reports whether insert w creates, when an
// in-memory search of the records read r listed found none, a record
// that search looks for: w writes the searched fields with the searched
// values, and every condition of r's filter, so the new record is one
// the list would hold. It returns the guard and the searched fields.
func createsWhenNotListed(f *sem.File, fn *sem.Func, r, w *models.Access) (syntax.Node, []models.Field, bool) {
	if !models.ListsRows(r) || !sem.SameResource(r, w) {
		return syntax.Node{}, nil, false
	}
	for _, c := range r.Where {
		if c.Cond || c.Value.IsNil() || !inserts(f, w, c) {
			return syntax.Node{}, nil, false
		}
	}
	vars := f.DerivedVars(fn, f.ReadVars(r))
	var guard syntax.Node
	var fields []models.Field
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.End() < r.Call.Start() {
			continue
		}
		var found []syntax.Node
		for _, s := range f.ListSearches(g.Cond, vars) {
			if writesAll(f, w, s.Fields) {
				found = append(found, s.Found)
				if fields == nil {
					fields = s.Fields
				}
			}
		}
		if len(found) == 0 {
			continue
		}
		isFound := func(n syntax.Node) bool {
			for _, x := range found {
				if n == x {
					return true
				}
			}
			return false
		}
		want := sem.True
		if g.Negated {
			want = sem.False
		}
		if sem.WhenMissing(g.Cond, isFound) != want {
			return syntax.Node{}, nil, false // runs (also) when a match was found
		}
		if guard.IsNil() {
			guard = g.Cond
		}
	}
	if guard.IsNil() || serialised(f, r, w) {
		return syntax.Node{}, nil, false
	}
	return guard, fields, true
}

// writesAll reports whether w's data sets every field to its value.
func writesAll(f *sem.File, w *models.Access, fields []models.Field) bool {
	for _, c := range fields {
		if !inserts(f, w, c) {
			return false
		}
	}
	return len(fields) > 0
}

func reportListedCreate(p *analysis.Pass, r, w *models.Access, guard syntax.Node, fields []models.Field) {
	res := displayName(r.Resource)
	if res == "" {
		res = "the record"
	}
	names := make([]string, len(fields))
	for i, fl := range fields {
		names[i] = fl.Name
	}
	key := strings.Join(names, ", ")
	if len(names) > 1 {
		key = "(" + key + ")"
	}
	outcome := fmt.Sprintf("making a duplicate if %s is not unique, or a unique-key error for one of them if it is", key)
	switch keyUnique(p, r, w, names) {
	case 1:
		outcome = fmt.Sprintf("%s is unique, so the second create fails with a unique-key error that nothing here handles", key)
	case -1:
		outcome = fmt.Sprintf("the schema declares no unique key on %s, so both rows are kept: a duplicate", key)
	}
	msg := fmt.Sprintf("%s records listed at line %d are searched for %s at line %d, and one is created here when none matches: two concurrent requests can both miss and both create it; %s",
		res, r.Call.Line(), key, guard.Line(), outcome)
	p.Report(w.Call, msg, "", p.At(r.Call, "listed"), p.At(guard, "created when the search finds nothing"))
}
