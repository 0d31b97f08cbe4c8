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
//
// The count and the comparison may also be made by a helper the caller
// awaits before the insert, which throws over the limit
// (await enforceLimit(userId)): then the comparison is in the helper's
// file, and helper is set.
func overQuota(f *sem.File, acc []models.Access, r *models.Access, vars []sem.ResultVar, w *models.Access) (cmp syntax.Node, helper *sem.ThrowCheck) {
	if w.Op != models.OpInsert || w.Atomic || len(r.Where) == 0 || !sem.SameResource(r, w) {
		return syntax.Node{}, nil
	}
	tc, viaHelper := f.Project().ThrowCheckAt(f, r.Call, w.Call)
	if !models.CountsRows(r) && !(viaHelper && models.CountsRows(tc.Read)) {
		return syntax.Node{}, nil
	}
	filter, same := r.Where, sameIn(f)
	if viaHelper {
		// The helper's own filter, its values followed to the arguments.
		filter, same = tc.Read.Where, sameThrough(f, r.Call, tc)
	}
	for _, c := range filter {
		if c.Cond || c.Value.IsNil() && c.Literal == "" || !insertsBy(w, c, same) {
			return syntax.Node{}, nil
		}
	}
	if quotaSafe(f, acc, r, w) {
		return syntax.Node{}, nil
	}
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.Start() < r.Call.End() {
			continue
		}
		for _, u := range f.ValueUses(g.Cond, vars, r) {
			if cmp := u.Node.Parent(); sem.LimitComparison(cmp) {
				return cmp, nil
			}
		}
	}
	if viaHelper {
		hv := tc.File.DerivedVars(tc.Func, tc.File.ReadVars(tc.Read))
		for _, u := range tc.File.ValueUses(tc.Cond, hv, tc.Read) {
			if cmp := u.Node.Parent(); sem.LimitComparison(cmp) {
				return cmp, &tc
			}
		}
	}
	return syntax.Node{}, nil
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
	return insertsBy(w, c, sameIn(f))
}

// sameIn compares a filter value and a written value of one file.
func sameIn(f *sem.File) func(filter, data syntax.Node) bool {
	return func(a, b syntax.Node) bool { return !a.IsNil() && !b.IsNil() && f.Canonical(a) == f.Canonical(b) }
}

// sameThrough compares a filter value of a helper's read with a value
// written in the caller: a parameter of the helper is the argument the
// call passes, a literal is itself.
func sameThrough(f *sem.File, call syntax.Node, tc sem.ThrowCheck) func(filter, data syntax.Node) bool {
	args := models.Args(call)
	return func(a, b syntax.Node) bool {
		if a.IsNil() || b.IsNil() {
			return false
		}
		if ref, ok := tc.File.ParamOf(tc.Func, a); ok {
			arg, rest := sem.ArgAt(args, ref)
			return !arg.IsNil() && len(rest) == 0 && f.Canonical(arg) == f.Canonical(b)
		}
		lit := sem.LiteralValue(a)
		return lit != "" && (lit == sem.LiteralValue(b) || lit == equalAt(f, call, b))
	}
}

// equalAt returns the literal a variable equals where n runs, when n is
// guarded by a test of it (if (plan === "FREE") await enforceLimit(...)),
// or "".
func equalAt(f *sem.File, n, v syntax.Node) string {
	v = v.Unparen()
	if !v.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return ""
	}
	b := f.Resolve(v)
	if b == nil {
		return ""
	}
	for _, g := range f.Guards(n) {
		c := g.Cond.Unparen()
		if g.Negated || !c.Is(syntax.KBinaryExpression) || c.Operator() != "===" && c.Operator() != "==" {
			continue
		}
		l, r := c.Child(syntax.FLeft).Unparen(), c.Child(syntax.FRight).Unparen()
		if !l.Is(syntax.KIdentifier) {
			l, r = r, l
		}
		if l.Is(syntax.KIdentifier) && l.Text() == b.Name && f.Resolve(l) == b {
			if lit := sem.LiteralValue(r); lit != "" {
				return lit
			}
		}
	}
	return ""
}

// insertsBy is inserts with the comparison of values given.
func insertsBy(w *models.Access, c models.Field, same func(filter, data syntax.Node) bool) bool {
	for _, d := range w.Data {
		if d.Name != c.Name {
			continue
		}
		if same(c.Value, d.Value) || c.Value.IsNil() && c.Literal != "" && sem.LiteralValue(d.Value) == c.Literal {
			return true
		}
		if w.Kind != models.StorePrisma {
			continue
		}
		if want, ok := models.PrismaRelationMatch(c.Value); ok {
			for _, rec := range models.PrismaNestedCreates(d.Value) {
				if hasAll(want, rec, same) {
					return true
				}
			}
		}
	}
	return false
}

// hasAll reports whether the fields of rec include every field of want
// with the same value.
func hasAll(want, rec []models.Field, same func(filter, data syntax.Node) bool) bool {
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

func reportQuota(p *analysis.Pass, r, w *models.Access, cmp syntax.Node, helper *sem.ThrowCheck) {
	fix := "Count and insert in one transaction that first locks the owning row (SELECT ... FOR UPDATE on the parent), or use SERIALIZABLE isolation and retry, or enforce the limit in the database."
	if helper != nil {
		where := relPath(p.File.Path, helper.File.Path)
		msg := fmt.Sprintf("%s, awaited at line %d, counts %s and throws over a limit (%s:%d) before the insert at line %d; concurrent requests all count below the limit and all insert",
			short(r.Call.Child(syntax.FFunction).Text()+"()"), r.Call.Line(), displayName(r.Resource), where, cmp.Line(), w.Call.Line())
		p.Report(w.Call, msg, fix, p.At(r.Call, "counted and checked here"), analysis.RelatedAt(helper.File, cmp, "limit checked here"))
		return
	}
	msg := fmt.Sprintf("the count of %s read at line %d is checked against a limit at line %d before the insert at line %d; concurrent requests all count below the limit and all insert", displayName(r.Resource), r.Call.Line(), cmp.Line(), w.Call.Line())
	p.Report(w.Call, msg, fix, p.At(r.Call, "counted here"), p.At(cmp, "checked here"))
}
