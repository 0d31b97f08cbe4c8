package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// overQuota reports insert w adding a record that read r counts, when a
// limit comparison of that count decides w: two requests both count
// below the limit and both insert. It returns the comparison. A lock
// around both, a row lock taken earlier in the same transaction, or a
// serializable transaction makes it safe.
func overQuota(f *sem.File, acc []models.Access, r *models.Access, vars []sem.ResultVar, w *models.Access) syntax.Node {
	if w.Op != models.OpInsert || w.Atomic || !models.CountsRows(r) || len(r.Where) == 0 || !sem.SameResource(r, w) {
		return syntax.Node{}
	}
	for _, c := range r.Where {
		if c.Cond || c.Value.IsNil() || !inserts(f, w, c) {
			return syntax.Node{}
		}
	}
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.Start() < r.Call.End() {
			continue
		}
		for _, u := range f.ValueUses(g.Cond, vars, r) {
			if cmp := u.Node.Parent(); limitComparison(cmp) && !quotaSafe(f, acc, r, w) {
				return cmp
			}
		}
	}
	return syntax.Node{}
}

// quotaSafe reports what serialises counting and inserting: a lock
// around both, a serializable transaction, or a row lock (on any row: the
// owner's, usually) taken earlier in the same transaction.
func quotaSafe(f *sem.File, acc []models.Access, r, w *models.Access) bool {
	if serialised(f, r, w) {
		return true
	}
	for i := range acc {
		l := &acc[i]
		if l.Locking && l.Call.Start() <= r.Call.Start() && f.InTransaction(l) && f.InTransaction(w) {
			return true
		}
	}
	return false
}

// inserts reports whether w's data sets the field of condition c to the
// same value, so the new record matches the count's filter. A Prisma
// relation filter (members: { some: { userId } }) is matched by a related
// record the insert creates with those values.
func inserts(f *sem.File, w *models.Access, c models.Field) bool {
	same := func(a, b syntax.Node) bool { return !a.IsNil() && !b.IsNil() && f.Canonical(a) == f.Canonical(b) }
	for _, d := range w.Data {
		if d.Name != c.Name {
			continue
		}
		if same(d.Value, c.Value) {
			return true
		}
		if w.Kind != models.StorePrisma {
			continue
		}
		if want, ok := models.PrismaRelationMatch(c.Value); ok {
			for _, rec := range models.PrismaNestedCreates(d.Value) {
				if hasAll(rec, want, same) {
					return true
				}
			}
		}
	}
	return false
}

// hasAll reports whether the fields of rec include every field of want
// with the same value.
func hasAll(rec, want []models.Field, same func(a, b syntax.Node) bool) bool {
	for _, x := range want {
		found := false
		for _, y := range rec {
			found = found || x.Name == y.Name && same(x.Value, y.Value)
		}
		if !found {
			return false
		}
	}
	return true
}

// limitComparison reports an order comparison with a limit (count >=
// limit), not an existence test in disguise (count > 0, length < 1),
// which is find-or-create-race's.
func limitComparison(n syntax.Node) bool {
	for n.Is(syntax.KParenthesizedExpression) {
		n = n.Parent()
	}
	if !n.Is(syntax.KBinaryExpression) {
		return false
	}
	switch n.Operator() {
	case "<", "<=", ">", ">=":
	default:
		return false
	}
	for _, side := range []syntax.Node{n.Child(syntax.FLeft), n.Child(syntax.FRight)} {
		if v := side.Unparen(); v.Is(syntax.KNumber) && (v.Text() == "0" || v.Text() == "1") {
			return false
		}
	}
	return true
}

func reportQuota(p *analysis.Pass, r, w *models.Access, cmp syntax.Node) {
	msg := fmt.Sprintf("the count of %s read at line %d is checked against a limit at line %d before the insert at line %d; concurrent requests all count below the limit and all insert", displayName(r.Resource), r.Call.Line(), cmp.Line(), w.Call.Line())
	fix := "Count and insert in one transaction that first locks the owning row (SELECT ... FOR UPDATE on the parent), or use SERIALIZABLE isolation and retry, or enforce the limit in the database."
	p.Report(w.Call, msg, fix, p.At(r.Call, "counted here"), p.At(cmp, "checked here"))
}
