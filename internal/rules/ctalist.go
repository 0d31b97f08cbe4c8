package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
)

// listedThenMarked reports write w marking (or deleting) the records read
// r listed, by the same filter instead of by the listed records: a record
// that comes to match the filter between the two is marked without being
// handled with the others. It holds only when the listed records decide
// other store work and the two accesses are not made in one transaction
// (which a phantom insert can still slip into under READ COMMITTED, but
// code that lists and marks in a transaction is usually the only writer
// of those records, so it is left alone for precision).
func listedThenMarked(f *sem.File, acc []models.Access, r *models.Access, vars []sem.ResultVar, w *models.Access) bool {
	if !models.ListsRows(r) || w.Atomic || w.Op != models.OpUpdate && w.Op != models.OpDelete || !w.Record.IsNil() {
		return false
	}
	if len(w.Where) == 0 || len(w.Where) != len(r.Where) || !sem.SameResource(r, w) {
		return false
	}
	for i := range w.Where {
		if !sameCondition(f, w.Where[i], r.Where) {
			return false
		}
	}
	if !handlesRows(f, acc, vars, r, w) || f.InTransaction(r) && f.InTransaction(w) {
		return false
	}
	if lr, ok := f.LockAt(r.Call); ok {
		if lw, ok := f.LockAt(w.Call); ok && lr == lw {
			return false
		}
	}
	return true
}

// sameCondition reports whether filter has the condition c: the same
// field compared with the same value.
func sameCondition(f *sem.File, c models.Field, filter []models.Field) bool {
	for _, x := range filter {
		if x.Name == c.Name && x.Cond == c.Cond && !x.Value.IsNil() && !c.Value.IsNil() && f.Canonical(x.Value) == f.Canonical(c.Value) {
			return true
		}
	}
	return false
}

// handlesRows reports whether the listed records decide other store
// work: an access other than the read and the mark whose arguments are
// computed from them (the sessions of the listed tokens, the deliveries
// of the listed notifications).
func handlesRows(f *sem.File, acc []models.Access, vars []sem.ResultVar, r, w *models.Access) bool {
	for i := range acc {
		x := &acc[i]
		if x == r || x == w || x.Call.Start() < r.Call.End() {
			continue
		}
		for _, a := range models.Args(x.Call) {
			if ok, _ := f.Mentions(a, vars); ok {
				return true
			}
		}
	}
	return false
}

func reportListed(p *analysis.Pass, r, w *models.Access) {
	res := displayName(r.Resource)
	msg := fmt.Sprintf("%s records listed at line %d are marked at line %d by the same filter rather than by the records listed: one that comes to match in between is marked without being handled", res, r.Call.Line(), w.Call.Line())
	fix := "Mark first and then list what was marked (or mark by the ids listed, or list with FOR UPDATE in a transaction), so the records handled and the records marked are the same."
	p.Report(w.Call, msg, fix, p.At(r.Call, "listed here"))
}
