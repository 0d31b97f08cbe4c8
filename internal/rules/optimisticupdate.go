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
		ID:       "unchecked-optimistic-update",
		Severity: analysis.High,
		Title:    "an optimistic update (WHERE ... version = ?) whose affected-row count is never checked",
		Fix:      "Check the affected rows (rowCount, count, affectedRows, changes, result[0], matchedCount, affected) and fail with a conflict or retry when it is 0.",
		Run:      runOptimisticUpdate,
	})
}

func runOptimisticUpdate(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	f.EachCall(func(n syntax.Node) bool {
		if models.IsChainLink(n) {
			return true
		}
		a, ok := f.Classify(n)
		if !ok || a.Op != models.OpUpdate && a.Op != models.OpDelete || a.ThrowsIfMissing || a.Atomic {
			return true
		}
		col := versionColumn(&a)
		if col == "" || a.Op == models.OpUpdate && !versionMoves(&a, col) {
			return true // a column named version that the update leaves alone is a key, not a counter
		}
		if how := unchecked(f, n); how != "" {
			res := a.Resource
			if res == "" {
				res = "the record"
			}
			verb := "update"
			if a.Op == models.OpDelete {
				verb = "delete"
			}
			msg := fmt.Sprintf("optimistic %s of %s compares %s but %s: when another request changed the row first, nothing is written and the lost update goes unnoticed", verb, res, col, how)
			p.Report(n, msg, countFix(&a))
		}
		return true
	})
}

// versionColumn returns the optimistic-concurrency column an update
// compares in its WHERE clause or filter, or "".
func versionColumn(a *models.Access) string {
	for _, w := range a.Where {
		if w.Name != "" && !w.Cond && versionField(w.Name) {
			return w.Name
		}
	}
	if a.SQL != nil {
		for _, c := range a.SQL.WhereCols {
			if versionField(c) {
				return c
			}
		}
	}
	return ""
}

// versionMoves reports whether an update moves the version it compared, as
// an optimistic scheme does: it sets the column itself, or it goes through
// an ORM that increments a declared version column on every update
// (TypeORM's @VersionColumn, Sequelize's version: true). Raw SQL, query
// builders, Prisma and MongoDB-style updates change only what they say.
func versionMoves(a *models.Access, col string) bool {
	if a.Kind == models.StoreORM && !models.IsMongoUpdate(a.Method) {
		return true
	}
	return writesColumn(a, col)
}

// writesColumn reports whether an update sets col.
func writesColumn(a *models.Access, col string) bool {
	for _, d := range a.Data {
		if strings.EqualFold(d.Name, col) {
			return true
		}
	}
	if a.SQL != nil {
		for _, c := range a.SQL.SetCols {
			if strings.EqualFold(c, col) {
				return true
			}
		}
	}
	return false
}

// unchecked says how an update's result is ignored ("its result is
// discarded", "result is never read"), or "" when the result is used:
// compared, returned, passed on, or read from a variable.
func unchecked(f *sem.File, call syntax.Node) string {
	e := call
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAwaitExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
		e, p = p, p.Parent()
	}
	switch {
	case p.Is(syntax.KExpressionStatement):
		if !e.Is(syntax.KAwaitExpression) && !awaitedInside(call) {
			return "" // a bare promise: floating-promise's business
		}
		return "its result is discarded"
	case p.Is(syntax.KVariableDeclarator) && p.Child(syntax.FValue) == e:
		if !anyReferenced(f, p.Child(syntax.FName)) {
			return "its result is never read"
		}
	case p.Is(syntax.KAssignmentExpression) && p.Child(syntax.FRight) == e:
		if l := p.Child(syntax.FLeft); l.Is(syntax.KIdentifier) && !readLater(f, l) {
			return "its result is never read"
		}
	}
	return ""
}

// readLater reports whether the variable an assignment's left side names
// is read anywhere (let r; try { r = await q.deleteOne(...) } ...;
// if (r.deletedCount) ...): not its declaration, not an assignment to it.
func readLater(f *sem.File, target syntax.Node) bool {
	b := f.Resolve(target)
	if b == nil {
		return true
	}
	for _, n := range f.References(b) {
		if p := n.Parent(); !p.Is(syntax.KAssignmentExpression) || p.Child(syntax.FLeft) != n {
			return true
		}
	}
	return false
}

func awaitedInside(call syntax.Node) bool {
	return call.Parent().Is(syntax.KAwaitExpression) || call.Parent().Is(syntax.KParenthesizedExpression) && call.Parent().Parent().Is(syntax.KAwaitExpression)
}

// anyReferenced reports whether any variable bound by a pattern is read
// after its declaration.
func anyReferenced(f *sem.File, pat syntax.Node) bool {
	used := false
	pat.Walk(func(n syntax.Node) bool {
		if used {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
			if b := f.Resolve(n); b != nil && b.Decl == n && f.Referenced(n) {
				used = true
			}
		}
		if n.Is(syntax.KPairPattern) {
			// { rowCount: n }: only the value side binds.
			if v := n.Child(syntax.FValue); !v.IsNil() {
				v.Walk(func(m syntax.Node) bool {
					if m.Is(syntax.KIdentifier) {
						if b := f.Resolve(m); b != nil && b.Decl == m && f.Referenced(m) {
							used = true
						}
					}
					return !used
				})
			}
			return false
		}
		return true
	})
	return used
}

func countFix(a *models.Access) string {
	switch a.Kind {
	case models.StoreSQL:
		return "Check the affected rows (result.rowCount in pg, result.affectedRows in mysql2, info.changes in better-sqlite3) and fail with a conflict or retry when it is 0."
	case models.StorePrisma:
		return "Check the count updateMany returns ({ count }) and fail with a conflict or retry when it is 0, or use update() on a unique where with the version, which throws when no row matches."
	case models.StoreBuilder:
		return "Check the number of rows the update returns (knex resolves to the count, typeorm to result.affected) and fail with a conflict or retry when it is 0."
	case models.StoreORM:
		return "Check the affected count (sequelize: const [n] = await Model.update(...); typeorm: result.affected; mongodb: result.matchedCount) and fail with a conflict or retry when it is 0."
	}
	return ""
}
