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
		ID:        "find-or-create-race",
		Severity:  analysis.Medium,
		Title:     "a record looked up by a key and created when missing, without an upsert or handling of the unique violation",
		Fix:       "Use an atomic upsert on a unique key (INSERT ... ON CONFLICT DO NOTHING, prisma upsert, findOneAndUpdate with upsert: true), or create first and treat the unique violation (P2002, 23505, ER_DUP_ENTRY, 11000) as 'already exists'.",
		Overrides: []string{"check-then-act"},
		Run:       runFindOrCreate,
	})
}

func runFindOrCreate(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	for _, fn := range f.Funcs {
		if !fn.Async || len(fn.Awaits) == 0 || f.NeverOverlaps(fn) {
			continue
		}
		acc := f.Accesses(fn)
		if len(acc) < 2 {
			continue
		}
		for wi := range acc {
			w := &acc[wi]
			if w.Op != models.OpInsert || w.Atomic || handlesDuplicate(f, fn, w.Call) {
				continue
			}
			for ri := range acc {
				r := &acc[ri]
				if r.Op != models.OpRead || r.Call.End() > w.Call.Start() {
					continue
				}
				if guard, ok := f.CreatesWhenMissing(fn, r, w); ok {
					// A lookup whose found branch fails (throws, or answers
					// 409) is a duplicate check: with a unique key, the
					// loser of a race fails on the key instead, the outcome
					// the check wanted.
					rejectsDuplicate := existingFails(f, w, guard) && keyUnique(p, r, w, keyFields(f, r, w)) == 1
					if !lockedFirst(f, acc, r, w) && !f.FreshKey(r) && !rejectsDuplicate && !fixedKey(f, r, w) {
						reportFindOrCreate(p, r, w, guard)
					}
					break
				}
				if guard, fields, ok := createsWhenNotListed(f, fn, r, w); ok {
					if !lockedFirst(f, acc, r, w) {
						reportListedCreate(p, r, w, guard, fields)
					}
					break
				}
			}
		}
	}
}

// handlesDuplicate reports a create whose unique violation is handled: it
// sits in a try block with a catch clause that can end without throwing
// (returns, re-reads, carries on) or that looks at the duplicate (P2002,
// 23505, ER_DUP_ENTRY, 11000, UniqueConstraintError, "already exists"), or
// a .catch() is chained on it. A catch that only logs and rethrows, or
// wraps every error into another, does not handle it.
func handlesDuplicate(f *sem.File, fn *sem.Func, call syntax.Node) bool {
	if tf, callee := f.Project().ResolveCall(f, call); callee != nil && callee.Body.Is(syntax.KStatementBlock) && catchesDuplicate(tf, callee) {
		return true // createLabel(name) returns the existing label on a conflict
	}
	child := call
	for p := call.Parent(); !p.IsNil() && p != fn.Node; child, p = p, p.Parent() {
		if p.Is(syntax.KTryStatement) && child.Field() == syntax.FBody {
			h := p.Child(syntax.FHandler)
			if !h.IsNil() && !sem.JustRethrows(h) && (mentionsDuplicate(h) || !alwaysThrows(h.Child(syntax.FBody))) {
				return true
			}
		}
		if p.Is(syntax.KMemberExpression) && p.Child(syntax.FProperty).Text() == "catch" {
			return true
		}
	}
	return false
}

// catchesDuplicate reports a project function whose body catches a
// unique violation or an "already exists" conflict of what it creates: a
// try/catch whose handler looks at one, or a .catch(...) that does.
func catchesDuplicate(f *sem.File, fn *sem.Func) bool {
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) && n != fn.Node && !n.Parent().Is(syntax.KArguments) {
			return false
		}
		switch {
		case n.Is(syntax.KTryStatement):
			if h := n.Child(syntax.FHandler); !h.IsNil() && !sem.JustRethrows(h) && mentionsDuplicate(h) {
				found = true
			}
		case n.Is(syntax.KCallExpression):
			if m := models.Method(n); m == "catch" && len(models.Args(n)) == 1 && mentionsDuplicate(models.Args(n)[0]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// duplicateMarkers are the words and codes a handler of a unique violation
// looks for, lower case.
var duplicateMarkers = []string{"p2002", "23505", "er_dup_entry", "11000", "uniqueconstraint", "unique",
	"duplicate", "sqlite_constraint", "conflict", "already", "exists"}

// mentionsDuplicate reports a catch clause that looks at a unique violation.
func mentionsDuplicate(h syntax.Node) bool {
	t := strings.ToLower(h.Text())
	for _, m := range duplicateMarkers {
		if strings.Contains(t, m) {
			return true
		}
	}
	return false
}

// alwaysThrows reports a block that ends with a throw and cannot leave
// otherwise (no return, break or continue in it).
func alwaysThrows(body syntax.Node) bool {
	var last syntax.Node
	for _, c := range body.NamedChildren() {
		if !c.Is(syntax.KComment) {
			last = c
		}
	}
	if !last.Is(syntax.KThrowStatement) {
		return false
	}
	leaves := false
	body.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KArrowFunction, syntax.KFunctionExpression, syntax.KFunctionDeclaration) {
			return false
		}
		if n.Is(syntax.KReturnStatement, syntax.KBreakStatement, syntax.KContinueStatement) {
			leaves = true
		}
		return !leaves
	})
	return !leaves
}

func reportFindOrCreate(p *analysis.Pass, r, w *models.Access, guard syntax.Node) {
	res := displayName(r.Resource)
	if res == "" {
		res = "the record"
	}
	key := uniqueKey(p.File, r, w)
	by, unique := "", "the key"
	if key != "" {
		by, unique = " by "+key, key
	}
	outcome := fmt.Sprintf("making a duplicate if %s is not unique, or a unique-key error for one of them if it is", unique)
	switch keyUnique(p, r, w, keyFields(p.File, r, w)) {
	case 1:
		outcome = fmt.Sprintf("%s is unique, so the second create fails with a unique-key error that nothing here handles, and that request fails instead of getting the record", unique)
	case -1:
		outcome = fmt.Sprintf("the schema declares no unique key on %s, so both rows are kept: a duplicate", unique)
	}
	msg := fmt.Sprintf("%s is looked up%s at line %d and created here when missing: two concurrent requests can both miss and both create it; %s", res, by, r.Call.Line(), outcome)
	p.Report(w.Call, msg, "", p.At(r.Call, "lookup"), p.At(guard, "created when this finds nothing"))
}

// uniqueKey names what identifies the record a find-or-create looks up
// and creates: the lookup's filter fields whose values the create writes
// ("email", "(workspaceId, name)"), or, when the lookup's fields have no
// names, the key it was looked up by.
func uniqueKey(f *sem.File, r, w *models.Access) string {
	names := keyFields(f, r, w)
	switch {
	case len(names) == 0:
		return accessKeyText(r)
	case len(names) == 1:
		return names[0]
	case len(names) > 4:
		return "(" + strings.Join(names[:3], ", ") + ", ...)"
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// keyFields returns the lookup's filter fields whose values the create
// writes.
func keyFields(f *sem.File, r, w *models.Access) []string {
	var names []string
	for _, fl := range f.CreatedKey(r, w) {
		names = append(names, fl.Name)
	}
	return names
}

// fixedKey reports a find-or-create of a record whose key the code fixes
// (a literal, a constant, an enum member, an environment setting): every
// call looks up the same record, so once it exists, as after the first
// call ever, every call finds it. The race is one of the first use after
// installation, not of the traffic the code serves.
func fixedKey(f *sem.File, r, w *models.Access) bool {
	var values []syntax.Node
	for _, fl := range f.CreatedKey(r, w) {
		values = append(values, fl.Value)
	}
	if len(values) == 0 {
		values = r.Keys
	}
	for _, v := range values {
		if !f.ProcessInvariant(v) {
			return false
		}
	}
	return len(values) > 0
}

// keyUnique says what the database does with a second create of the key:
// +1 when it refuses it (the lookup is one the library allows only by a
// unique key, Prisma findUnique, the create sets a document's _id, or the
// project's schema declares the shared fields unique: Prisma @id, @unique,
// @@unique), -1 when the schema knows the model and declares no such key,
// 0 when unknown.
func keyUnique(p *analysis.Pass, r, w *models.Access, names []string) int {
	if r.UniqueLookup || models.DocumentKeyUnique(w.Kind, names) || createsDocumentKey(p.File, r, w) {
		return 1
	}
	s := p.Project.SchemaFor(p.File)
	if len(names) == 0 || s == nil {
		return 0
	}
	// The entity of a repository the calls are made on
	// (this.userRepository: Repository<User>) names the model too.
	ws := []string{w.Resource, p.File.RepositoryEntity(w.Call)}
	rs := []string{r.Resource, p.File.RepositoryEntity(r.Call)}
	for _, res := range append(ws, rs...) {
		if s.Unique(res, names) {
			return 1
		}
	}
	for _, res := range ws {
		if s.Known(res) {
			return -1
		}
	}
	return 0
}

// createsDocumentKey reports a create that gives the record the value it
// looked up as its _id ({ _id: transactionId, ... }), directly or through
// a helper given that payload: a second create of that document fails
// with a duplicate-key error.
func createsDocumentKey(f *sem.File, r, w *models.Access) bool {
	if w.Kind != models.StoreORM && w.Kind != models.StoreHelper {
		return false
	}
	rk := accessAtoms(f, r)
	for _, d := range w.Data {
		if models.DocumentKey(d.Name) && !d.Value.IsNil() && sem.ShareAtom(f.KeyAtoms(d.Value), rk) {
			return true
		}
	}
	return false
}

// lockedFirst reports a find-or-create that a lock serialises: in the
// transaction that makes the insert, a locking read (SELECT ... FOR
// UPDATE) or a transaction-level advisory lock taken before the lookup on
// a key the lookup shares (the user row of a per-user lookup,
// pg_advisory_xact_lock(hashtext(userId))), or an advisory lock whose key
// is the same for every call (pg_advisory_xact_lock(MIGRATION_LOCK_ID)).
// Concurrent calls for that key wait for the lock, and the second one
// finds what the first created.
func lockedFirst(f *sem.File, acc []models.Access, r, w *models.Access) bool {
	if !f.InTransaction(w) {
		return false
	}
	rk := accessAtoms(f, r)
	for i := range acc {
		l := &acc[i]
		if !l.Locking && !l.TxLock || l.Call.Start() > r.Call.Start() || !f.InTransaction(l) {
			continue
		}
		if lt, ok := f.TransactionAt(l.Call); ok {
			if wt, ok := f.TransactionAt(w.Call); ok && lt != wt {
				continue // another transaction's lock
			}
		}
		if l.TxLock && invariantKeys(f, l.Keys) {
			return true
		}
		if l == r || sem.ShareAtom(accessAtoms(f, l), rk) {
			return true
		}
	}
	return false
}

// invariantKeys reports keys that are the same for every call.
func invariantKeys(f *sem.File, keys []syntax.Node) bool {
	for _, k := range keys {
		if !f.ProcessInvariant(k) {
			return false
		}
	}
	return true
}

// accessAtoms lists the key atoms of what an access picks its records by.
func accessAtoms(f *sem.File, a *models.Access) []string {
	var out []string
	for _, fl := range a.Where {
		out = append(out, f.KeyAtoms(fl.Value)...)
	}
	for _, k := range a.Keys {
		out = append(out, f.KeyAtoms(k)...)
	}
	return out
}

// existingFails reports whether the path taken when the lookup found the
// record, as guard decides it, ends by failing (sem.EndsInFailure): if
// (found) throw new ConflictError(); if (found) return res.status(409)...;
// ... create.
func existingFails(f *sem.File, w *models.Access, guard syntax.Node) bool {
	for _, g := range f.Guards(w.Call) {
		if g.Cond != guard {
			continue
		}
		switch {
		case g.Kind == sem.GuardEarlyExit:
			return sem.EndsInFailure(g.Stmt.Child(syntax.FConsequence))
		case g.Kind == sem.GuardIf && !g.Negated:
			if alt := g.Stmt.Child(syntax.FAlternative); !alt.IsNil() {
				return sem.EndsInFailure(alt)
			}
		case g.Kind == sem.GuardIf && g.Negated:
			return sem.EndsInFailure(g.Stmt.Child(syntax.FConsequence))
		}
		return false
	}
	return false
}
