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
				if guard, ok := createsWhenMissing(f, fn, r, w); ok {
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

// createsWhenMissing reports whether write w inserts the record read r
// looked up, on the path where r found nothing: same table or model, the
// lookup key among the inserted values, and a guard that lets w run when
// the lookup came back empty. It returns that guard's condition.
func createsWhenMissing(f *sem.File, fn *sem.Func, r, w *models.Access) (syntax.Node, bool) {
	if !sem.SameResource(r, w) || idempotencyStore(f, r) {
		return syntax.Node{}, false
	}
	keys := f.RecordKeys(r)
	if len(keys) == 0 {
		return syntax.Node{}, false
	}
	shared := false
	for _, d := range w.Data {
		if sem.ShareAtom(keys, f.KeyAtoms(d.Value)) {
			shared = true
			break
		}
	}
	if !shared || !createsLookedUp(f, r, w) {
		return syntax.Node{}, false
	}
	vars := f.DerivedVars(fn, f.ReadVars(r))
	isUse := existenceUse(f, vars, r)
	var guard syntax.Node
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.End() < r.Call.Start() {
			continue
		}
		uses := f.ValueUses(g.Cond, vars, r)
		if len(uses) == 0 {
			continue
		}
		for _, u := range uses {
			if limitComparison(u.Node.Parent()) {
				return syntax.Node{}, false // a quota (count >= limit): check-then-act's
			}
		}
		v := sem.WhenMissing(g.Cond, isUse)
		want := sem.True
		if g.Negated {
			want = sem.False
		}
		if v != want {
			return syntax.Node{}, false // runs (also) when the record exists
		}
		if guard.IsNil() {
			guard = g.Cond
		}
	}
	if guard.IsNil() {
		guard = helperChecksMissing(f, r, w)
	}
	if guard.IsNil() {
		return syntax.Node{}, false
	}
	if lr, ok := f.LockAt(r.Call); ok {
		if lw, ok := f.LockAt(w.Call); ok && lr == lw {
			return syntax.Node{}, false
		}
	}
	if f.Serializable(w.Call) {
		return syntax.Node{}, false
	}
	return guard, true
}

// createsLookedUp reports whether the record w creates is one r would
// find: every value that r's filter compares a field with and that
// differs from call to call is among the values w writes. A lookup by
// the caller's id (_id: body.customerId) followed by a create of a new
// record with a generated id makes another record, which the next lookup
// does not find either: that is no race, the code creates every time.
// Fixed values (deletedAt: null, status: "active") may come from the
// database's defaults.
func createsLookedUp(f *sem.File, r, w *models.Access) bool {
	c := writesOf(f, w)
	if len(w.Data) == 0 || c.unknown {
		return true // written values not known
	}
	for _, fl := range lookupFilter(r) {
		if fl.Cond || fl.Value.IsNil() || contextNames[fl.Name] || f.ProcessInvariant(fl.Value) {
			continue
		}
		if _, ok := c.field(fl.Name, f.KeyAtoms(fl.Value)); ok {
			continue
		}
		// OR: [{ externalId }, { name }]: one alternative written is enough.
		if v := fl.Value.Unparen(); !v.Is(syntax.KArray) || !anyAlternativeWritten(f, v, c.written) {
			return false
		}
	}
	return true
}

// createWrites holds what a create writes, as key atoms: each named
// field's value, and the objects it spreads ({ ...props } writes whatever
// props holds).
type createWrites struct {
	fields  []writtenField
	written []string // the atoms of every written value
	spread  []string
	unknown bool // a spread of something other than a variable or a member
}

type writtenField struct {
	name  string
	atoms []string
}

func writesOf(f *sem.File, w *models.Access) createWrites {
	var c createWrites
	for _, d := range w.Data {
		atoms := f.KeyAtoms(d.Value)
		c.written = append(c.written, atoms...)
		if d.Name != "" {
			c.fields = append(c.fields, writtenField{d.Name, atoms})
			continue
		}
		if v := d.Value.Unparen(); v.Is(syntax.KIdentifier, syntax.KMemberExpression) {
			c.spread = append(c.spread, atoms...)
		} else {
			c.unknown = true
		}
	}
	return c
}

// field reports whether the create writes a value that the lookup
// compares its field name with (atoms), and under which name: the
// lookup's for the same value or a member of a spread object
// (name: props.name beside { ...props }), the create's when it writes a
// member of the value (tag: hasTag beside tagId: hasTag.id).
func (c createWrites) field(name string, atoms []string) (string, bool) {
	if memberOf(atoms, c.spread) || sem.ShareAtom(atoms, c.written) {
		return name, true
	}
	for _, d := range c.fields {
		if memberOf(d.atoms, atoms) {
			return d.name, true
		}
	}
	return "", false
}

// memberOf reports whether some atom of inner is a member of some atom of
// outer (props.name of props, hasTag.id of hasTag).
func memberOf(inner, outer []string) bool {
	for _, a := range inner {
		for _, o := range outer {
			if o != "" && strings.HasPrefix(a, o+".") {
				return true
			}
		}
	}
	return false
}

// anyAlternativeWritten reports whether some alternative of a filter's
// list compares a field with a value the create writes: one of the
// filters of OR: [{ externalId }, { name }], or one of the values of
// { in: [baseId, spaceId] }.
func anyAlternativeWritten(f *sem.File, list syntax.Node, written []string) bool {
	for _, el := range list.NamedChildren() {
		if el.Unparen().Is(syntax.KObject) {
			for _, fl := range models.ObjectFields(el) {
				if sem.ShareAtom(f.KeyAtoms(fl.Value), written) {
					return true
				}
			}
			continue
		}
		if sem.ShareAtom(f.KeyAtoms(el), written) {
			return true
		}
	}
	return false
}

// lookupFilter flattens a lookup's filter: its where fields, the fields
// of an object it was given as its key, and the parts of compound keys
// ({ userId_orgId: { userId, orgId } }).
func lookupFilter(r *models.Access) []models.Field {
	where := r.Where
	for _, k := range r.Keys {
		where = append(where, models.ObjectFields(k)...)
	}
	var flat []models.Field
	for _, fl := range where {
		if sub := models.ObjectFields(fl.Value); len(sub) > 0 && !fl.Cond && !equalsOperator(sub) {
			flat = append(flat, sub...)
			continue
		}
		flat = append(flat, fl)
	}
	return flat
}

// helperChecksMissing returns r's call when it is an awaited helper that
// throws when its lookup finds the record, made before w: w then runs
// only when the lookup came back empty (await assertNameFree(name);
// create({ name })). A helper that throws over a limit is a quota,
// check-then-act's.
func helperChecksMissing(f *sem.File, r, w *models.Access) syntax.Node {
	tc, ok := f.Project().ThrowCheckAt(f, r.Call, w.Call)
	if !ok {
		return syntax.Node{}
	}
	hv := tc.File.DerivedVars(tc.Func, tc.File.ReadVars(tc.Read))
	for _, u := range tc.File.ValueUses(tc.Cond, hv, tc.Read) {
		if limitComparison(u.Node.Parent()) {
			return syntax.Node{}
		}
	}
	noThrow := sem.False // the helper must not throw when nothing was found
	if tc.Negated {
		noThrow = sem.True
	}
	if sem.WhenMissing(tc.Cond, existenceUse(tc.File, hv, tc.Read)) != noThrow {
		return syntax.Node{}
	}
	return r.Call
}

// existenceUse returns a test for the expressions that say whether the read
// found something: the value itself, rows, rows[0], rows.length,
// result.rowCount, a count.
func existenceUse(f *sem.File, vars []sem.ResultVar, r *models.Access) func(syntax.Node) bool {
	return func(n syntax.Node) bool {
		n = n.Unparen()
		if n.Is(syntax.KAwaitExpression) && n.NamedChild(0).Unparen() == r.Call {
			return true
		}
		m := n
		for {
			switch {
			case m.Is(syntax.KMemberExpression):
				p := m.Child(syntax.FProperty).Text()
				if p != "length" && p != "rowCount" && p != "rows" && p != "count" && p != "size" && p != "data" && p != "Item" && p != "Items" && p != "Count" && p != "docs" && p != "totalDocs" {
					return false
				}
				m = m.Child(syntax.FObject).Unparen()
				continue
			case m.Is(syntax.KSubscriptExpression):
				if !m.Child(syntax.FIndex).Unparen().Is(syntax.KNumber) {
					return false
				}
				m = m.Child(syntax.FObject).Unparen()
				continue
			case m.Is(syntax.KAwaitExpression):
				return m.NamedChild(0).Unparen() == r.Call
			case m.Is(syntax.KIdentifier):
				b := f.Resolve(m)
				for _, v := range vars {
					if v.Binding == b {
						for _, s := range v.Path {
							if s != "rows" && s != "data" && s != "Item" && s != "Items" && s != "0" && s != "result" && s != "count" && s != "Count" && s != "docs" {
								return false
							}
						}
						return true
					}
				}
			}
			return false
		}
	}
}

// idempotencyStore reports a lookup of an idempotency key, which
// idempotency-race reports with its own explanation.
func idempotencyStore(f *sem.File, r *models.Access) bool {
	if strings.Contains(strings.ToLower(r.Resource), "idempot") {
		return true
	}
	for _, k := range append(whereValues(r), r.Keys...) {
		if id := k.Unparen(); id.Is(syntax.KIdentifier) {
			if b := f.Resolve(id); b != nil && strings.Contains(strings.ToLower(b.Init.Text()), "idempot") {
				return true
			}
		}
		if strings.Contains(strings.ToLower(k.Text()), "idempot") {
			return true
		}
	}
	return false
}

func whereValues(a *models.Access) []syntax.Node {
	var out []syntax.Node
	for _, w := range a.Where {
		if !w.Value.IsNil() {
			out = append(out, w.Value)
		}
	}
	return out
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
			if !h.IsNil() && !justRethrows(h) && (mentionsDuplicate(h) || !alwaysThrows(h.Child(syntax.FBody))) {
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
			if h := n.Child(syntax.FHandler); !h.IsNil() && !justRethrows(h) && mentionsDuplicate(h) {
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

// justRethrows reports a catch clause whose body only rethrows.
func justRethrows(h syntax.Node) bool {
	body := h.Child(syntax.FBody)
	var stmts []syntax.Node
	for _, c := range body.NamedChildren() {
		if !c.Is(syntax.KComment) {
			stmts = append(stmts, c)
		}
	}
	return len(stmts) == 1 && stmts[0].Is(syntax.KThrowStatement)
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

// equalsOperator reports a filter value that is an equality operator
// ({ equals: x }, { $eq: x }), not a compound key.
func equalsOperator(sub []models.Field) bool {
	return len(sub) == 1 && (sub[0].Name == "equals" || sub[0].Name == "$eq" || sub[0].Name == "eq")
}

// contextNames are fields of a helper's argument object that carry the
// request or transaction, not the record's identity.
var contextNames = map[string]bool{
	"req": true, "request": true, "ctx": true, "context": true, "options": true, "opts": true,
	"tx": true, "trx": true, "transaction": true, "session": true, "select": true, "include": true,
	"populate": true, "depth": true, "locale": true, "data": true,
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
	for _, fl := range keyFilter(f, r, w) {
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
	for _, fl := range keyFilter(f, r, w) {
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

// keyFilter returns the lookup's filter fields whose values the create
// writes, one per field name, each named as the create writes it
// (createWrites.field).
func keyFilter(f *sem.File, r, w *models.Access) []models.Field {
	c := writesOf(f, w)
	var out []models.Field
	seen := map[string]bool{}
	for _, fl := range lookupFilter(r) {
		if fl.Cond || fl.Name == "" || fl.Value.IsNil() || contextNames[fl.Name] {
			continue
		}
		name, ok := c.field(fl.Name, f.KeyAtoms(fl.Value))
		if !ok || seen[name] {
			continue
		}
		fl.Name = name
		out = append(out, fl)
		seen[name] = true
	}
	return out
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
