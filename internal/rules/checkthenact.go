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
		ID:       "check-then-act",
		Severity: analysis.High,
		Title:    "an awaited read of external state decides a write to the same record with no atomic write, row lock or lock around both",
		Fix:      "Make the write carry the check (UPDATE ... WHERE id = $1 AND <condition>, then check the affected rows), use an atomic operation, or read with SELECT ... FOR UPDATE inside the same transaction.",
		Run:      runCheckThenAct,
	})
}

// ctaFinding is one read deciding one write.
type ctaFinding struct {
	read  *models.Access
	guard syntax.Node
	field string
	key   syntax.Node
}

func runCheckThenAct(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	runStaleCallee(p)
	for _, fn := range f.Funcs {
		if !fn.Async || len(fn.Awaits) == 0 || f.NeverOverlaps(fn) {
			continue
		}
		acc := f.Accesses(fn)
		if len(acc) < 2 {
			continue
		}
		vars := map[int][]sem.ResultVar{}
		for wi := range acc {
			w := &acc[wi]
			var found *ctaFinding
			var claim *claimFinding
			var taken *takenFinding
			var listed, quota *models.Access
			var quotaCmp syntax.Node
			var quotaHelper *sem.ThrowCheck
			for ri := range acc {
				r := &acc[ri]
				if r.Op != models.OpRead || r.Call.End() > w.Call.Start() || f.FreshKey(r) {
					continue // a record this call created: no other request knows its key yet
				}
				vs, ok := vars[ri]
				if !ok {
					vs = f.DerivedVars(fn, f.ReadVars(r))
					vars[ri] = vs
				}
				if ctaWrite(w) {
					if c := decides(f, fn, r, vs, w); c != nil && !ctaSafe(f, fn, acc, r, w) && !membershipOnly(f, c, w) {
						found = c
						break
					}
				}
				if claim == nil {
					claim = claims(f, fn, acc, r, vs, w)
				}
				if taken == nil {
					taken = takenByFilter(f, fn, acc, r, vs, w)
				}
				if listed == nil && listedThenMarked(f, acc, r, vs, w) {
					listed = r
				}
				if quota == nil {
					if cmp, h := overQuota(f, acc, r, vs, w); !cmp.IsNil() {
						quota, quotaCmp, quotaHelper = r, cmp, h
					}
				}
			}
			switch {
			case found != nil:
				reportCTA(p, found, w)
			case claim != nil:
				reportClaim(p, claim, w)
			case taken != nil:
				reportTaken(p, taken, w)
			case listed != nil:
				reportListed(p, listed, w)
			case quota != nil:
				reportQuota(p, quota, w, quotaCmp, quotaHelper)
			}
		}
	}
}

// ctaWrite reports writes that can act on a stale check: updates and
// relative updates (an atomic increment still overshoots a limit it was
// checked against); not upserts or writes that carry their own condition
// (SET NX, ConditionExpression), not inserts, which find-or-create-race
// covers, and not deletes (deleting twice, or after an ownership check of a
// field that does not change, loses nothing).
func ctaWrite(w *models.Access) bool {
	switch w.Op {
	case models.OpUpdate:
		return !w.Atomic
	case models.OpIncr:
		return true
	}
	return false
}

// written is one field a write changes.
type written struct {
	name      string
	value     syntax.Node
	literal   string
	sqlExpr   string
	relative  bool
	derived   bool // the value is computed from the read
	converges bool // racing writers agree on the value (an expiry from now)
}

// freshTime reports a written value that is the current time (new Date(),
// Date.now(), NOW() + INTERVAL ...), or the current time moved by a value
// that is the same for every call (Date.now() + IDLE_TIMEOUT): two racing
// requests write the same moment, give or take, so the write converges.
func (w written) freshTime(f *sem.File) bool {
	if e := strings.ToLower(w.sqlExpr); e != "" {
		return strings.Contains(e, "now()") || strings.Contains(e, "current_timestamp") || strings.Contains(e, "clock_timestamp")
	}
	v := w.value.Unparen()
	if v.Is(syntax.KBinaryExpression) && (v.Operator() == "+" || v.Operator() == "-") {
		l, r := v.Child(syntax.FLeft), v.Child(syntax.FRight)
		return isNow(l) && f.ProcessInvariant(r) || v.Operator() == "+" && isNow(r) && f.ProcessInvariant(l)
	}
	return isNow(v)
}

// comparedWithNow reports whether cond also orders the value v tests
// against the current time (v && v > new Date()).
func comparedWithNow(cond, v syntax.Node) bool {
	found := false
	cond.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) {
			return false
		}
		if n.Is(syntax.KBinaryExpression) {
			switch n.Operator() {
			case "<", ">", "<=", ">=":
				l, r := n.Child(syntax.FLeft).Unparen(), n.Child(syntax.FRight).Unparen()
				found = l.Text() == v.Text() && isNow(r) || r.Text() == v.Text() && isNow(l)
			}
		}
		return !found
	})
	return found
}

// isNow reports an expression for the current time: new Date(),
// Date.now(), now().
func isNow(n syntax.Node) bool {
	v := n.Unparen()
	switch {
	case v.Is(syntax.KNewExpression):
		return v.Child(syntax.FConstructor).Text() == "Date"
	case v.Is(syntax.KCallExpression):
		t := v.Child(syntax.FFunction).Text()
		return t == "Date.now" || t == "now" || strings.HasSuffix(t, ".now")
	}
	return false
}

// constant returns the literal a field is set to, or "".
func (w written) constant() string {
	if w.literal != "" {
		return w.literal
	}
	if w.value.IsNil() {
		return ""
	}
	return sem.LiteralValue(w.value)
}

// decides returns how read r decides write w: a condition guarding w tests
// a field of r's value that w changes to something else than an idempotent
// constant, or w writes a value computed from it; and both pick the same
// record.
func decides(f *sem.File, fn *sem.Func, r *models.Access, vars []sem.ResultVar, w *models.Access) *ctaFinding {
	var uses []sem.ValueUse
	var guard syntax.Node
	guards := map[syntax.Node]sem.Guard{}
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.End() < r.Call.Start() {
			continue
		}
		for _, u := range f.ValueUses(g.Cond, vars, r) {
			if u.Test == sem.TestValue && u.Strong && !identityOf(u.Field, r) {
				uses = append(uses, u)
				guards[u.Node] = g
				if guard.IsNil() {
					guard = g.Cond
				}
			}
		}
	}
	if len(uses) == 0 {
		return nil
	}
	key, same := sameRecord(f, r, vars, w)
	if !same {
		return nil
	}
	fields := writtenFields(f, fn, r, w)
	for i := range fields {
		if v := fields[i].value; !v.IsNil() {
			if ok, names := f.Mentions(v, vars); ok && !onlyIDs(names, r) {
				fields[i].derived = true
			}
		}
	}
	for _, u := range uses {
		if conflicts(f, u, guards[u.Node], fields) {
			return &ctaFinding{read: r, guard: guard, field: u.Field, key: key}
		}
	}
	return nil
}

// truthWhenRun says what a comparison inside a guard's condition evaluates
// to whenever the guarded statement runs: true for a conjunct of a guard the
// statement runs under, false for a disjunct of an exit the statement runs
// past, unknown otherwise.
func truthWhenRun(g sem.Guard, cmp syntax.Node) sem.Tri {
	want := sem.True
	if g.Negated {
		want = sem.False
	}
	n := cmp
	for n != g.Cond && !n.IsNil() {
		p := n.Parent()
		switch {
		case p.Is(syntax.KParenthesizedExpression):
		case p.Is(syntax.KUnaryExpression) && p.HasToken("!"):
			if want == sem.True {
				want = sem.False
			} else {
				want = sem.True
			}
		case p.Is(syntax.KBinaryExpression) && p.Operator() == "&&" && want == sem.True:
		case p.Is(syntax.KBinaryExpression) && p.Operator() == "||" && want == sem.False:
		default:
			return sem.Unknown
		}
		n = p
	}
	return want
}

// onlyIDs reports whether the fields a write mentions of the read value
// are only its identity (user.id), which says where to write, not what.
func onlyIDs(names []string, r *models.Access) bool {
	for _, n := range names {
		if n == "" || !idFields[n] && !whereField(r, n) {
			return false
		}
	}
	return true
}

// identityOf reports a field that says which record r read is: its id,
// or a field the read picked it by. A test of it (user.id === 1) cannot go
// stale before a write to that record: the same record still has it.
func identityOf(field string, r *models.Access) bool {
	return idFields[field] || field != "" && field != "*" && whereField(r, field)
}

func whereField(r *models.Access, name string) bool {
	for _, w := range r.Where {
		if w.Name == name {
			return true
		}
	}
	return false
}

// conflicts reports whether writing fields invalidates the check u made
// by guard g: the checked field (or, for a check of the whole value, any
// field) is written relative to itself, with a value computed from the read,
// or with a value from elsewhere. Writing a constant, the current time, or
// the very value the check found missing (if (row.token !== token)
// row.token = token) converges when two requests race and is not reported;
// re-writing the value the check just confirmed (if (row.owner !== me)
// throw; then owner = me) is, as it overwrites whoever took over in between.
func conflicts(f *sem.File, u sem.ValueUse, g sem.Guard, fields []written) bool {
	for _, w := range fields {
		if w.name == "" || !(w.name == "*" || u.Field == "*" || sem.NormName(w.name) == sem.NormName(u.Field)) {
			continue
		}
		switch {
		case w.relative || w.derived:
			return true
		case isNow(u.Other), u.Op == "truthy" && comparedWithNow(g.Cond, u.Node):
			// An expiry check (expiresAt < new Date(), also its null guard:
			// expiresAt && expiresAt > new Date()) followed by a new expiry
			// not computed from the read: racing writes converge.
		case u.Op == "call":
			// The field was handed to a function (an authorisation or
			// validation helper): only a write computed from it conflicts.
		case w.constant() != "" && consumes(g, u, w.constant()) && relativeBeside(fields):
			// The write uses up the state the check let through (trial_used
			// set to true after a test that it was not) and changes another
			// field relative to itself: racing requests both pass the check
			// and both apply the change.
			return true
		case w.constant() != "" || w.freshTime(f) || w.converges:
		case !w.value.IsNil() && !u.Other.IsNil() && f.Canonical(w.value) == f.Canonical(u.Other):
			eq := u.Op == "==" || u.Op == "==="
			if t := truthWhenRun(g, u.Node.Parent()); t != sem.Unknown && (t == sem.True) == eq {
				return true // re-asserting the value the check confirmed
			}
		default:
			return true
		}
	}
	return false
}

// consumes reports whether writing constant c to the field that use u
// tests makes the test fail where guard g needed it to pass: the state
// that let this request through is used up.
func consumes(g sem.Guard, u sem.ValueUse, c string) bool {
	switch u.Op {
	case "==", "===", "!=", "!==":
		holds := truthWhenRun(g, u.Node.Parent())
		if u.Const == "" || holds == sem.Unknown {
			return false
		}
		eq := u.Op == "==" || u.Op == "==="
		return (c == u.Const) == eq != (holds == sem.True)
	case "truthy":
		holds := truthWhenRun(g, u.Node)
		if holds == sem.Unknown {
			return false
		}
		return sem.LiteralTruthy(c) != (holds == sem.True)
	}
	return false
}

// relativeBeside reports whether a write changes some field relative to
// itself (credits = credits + 100).
func relativeBeside(fields []written) bool {
	for _, w := range fields {
		if w.relative {
			return true
		}
	}
	return false
}

// writtenFields lists the fields a write changes: its data, "*" for
// whole-value writes, and for a loaded record saved back (user.save(),
// repo.save(user)) the fields assigned on it since the read.
func writtenFields(f *sem.File, fn *sem.Func, r *models.Access, w *models.Access) []written {
	var out []written
	for _, d := range w.Data {
		out = append(out, written{name: d.Name, value: d.Value, literal: d.Literal, sqlExpr: d.SQLExpr, relative: d.Relative, converges: d.Converges})
	}
	if w.WholeValue && w.Kind != models.StoreHelper && len(out) == 0 {
		out = append(out, written{name: "*"})
	}
	if !w.Record.IsNil() {
		out = append(out, recordAssignments(f, fn, r, w)...)
	}
	return out
}

// recordAssignments lists the fields assigned on w's record between the
// read and the write: rec.f = v, rec.f -= v, rec.f++, rec.set("f", v),
// Object.assign(rec, { f }).
func recordAssignments(f *sem.File, fn *sem.Func, r *models.Access, w *models.Access) []written {
	root := rootIdent(w.Record)
	if root.IsNil() {
		return nil
	}
	b := f.Resolve(root)
	if b == nil {
		return nil
	}
	var out []written
	isRec := func(n syntax.Node) bool {
		id := rootIdent(n)
		return !id.IsNil() && id.Text() == b.Name && f.Resolve(id) == b
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if n.End() <= r.Call.End() || n.Start() >= w.Call.Start() {
			return false
		}
		switch {
		case n.Is(syntax.KAssignmentExpression):
			if l := n.Child(syntax.FLeft).Unparen(); l.Is(syntax.KMemberExpression) && isRec(l.Child(syntax.FObject)) {
				out = append(out, written{name: l.Child(syntax.FProperty).Text(), value: n.Child(syntax.FRight)})
			}
		case n.Is(syntax.KAugmentedAssignmentExpression):
			if l := n.Child(syntax.FLeft).Unparen(); l.Is(syntax.KMemberExpression) && isRec(l.Child(syntax.FObject)) {
				out = append(out, written{name: l.Child(syntax.FProperty).Text(), value: n.Child(syntax.FRight), relative: true})
			}
		case n.Is(syntax.KUpdateExpression):
			if a := n.Child(syntax.FArgument).Unparen(); a.Is(syntax.KMemberExpression) && isRec(a.Child(syntax.FObject)) {
				out = append(out, written{name: a.Child(syntax.FProperty).Text(), relative: true})
			}
		case n.Is(syntax.KCallExpression):
			chain, m := models.Callee(n)
			args := models.Args(n)
			switch {
			case m == "set" && isRec(models.Receiver(n)) && len(args) > 0:
				if s, ok := sem.StringValue(args[0]); ok {
					wr := written{name: s}
					if len(args) > 1 {
						wr.value = args[1]
					}
					out = append(out, wr)
				}
				for _, fl := range models.ObjectFields(args[0]) {
					out = append(out, written{name: fl.Name, value: fl.Value})
				}
			case m == "assign" && len(chain) == 1 && chain[0] == "Object" && len(args) > 1 && isRec(args[0]):
				for _, a := range args[1:] {
					for _, fl := range models.ObjectFields(a) {
						out = append(out, written{name: fl.Name, value: fl.Value})
					}
				}
			}
		}
		return true
	})
	return out
}

func rootIdent(n syntax.Node) syntax.Node {
	n = n.Unparen()
	for n.Is(syntax.KMemberExpression, syntax.KSubscriptExpression) {
		n = n.Child(syntax.FObject).Unparen()
	}
	if n.Is(syntax.KIdentifier) {
		return n
	}
	return syntax.Node{}
}

// idFields name a record's identity.
var idFields = map[string]bool{"id": true, "_id": true, "uuid": true, "key": true, "pk": true, "objectId": true}

// sameRecord reports whether read r and write w pick the same record: the
// write is made on (or given) the loaded record, they share a key
// (where values, redis key, helper argument), or the write picks the record
// by the read value's id. It returns the key expression for messages.
func sameRecord(f *sem.File, r *models.Access, vars []sem.ResultVar, w *models.Access) (syntax.Node, bool) {
	if !w.Record.IsNil() {
		if ok, _ := f.Mentions(w.Record, vars); ok {
			return syntax.Node{}, true
		}
		return syntax.Node{}, false
	}
	if !sem.SameResource(r, w) {
		return syntax.Node{}, false
	}
	if otherRecord(f, r, vars, w) {
		return syntax.Node{}, false
	}
	readKeys := f.RecordKeys(r)
	readFields := map[string]bool{}
	for _, fl := range r.Where {
		readFields[fl.Name] = true
	}
	for _, fl := range w.Where {
		if fl.Cond || fl.Value.IsNil() {
			continue
		}
		if ok, fields := f.Mentions(fl.Value, vars); ok {
			for _, x := range fields {
				if idFields[x] || readFields[x] {
					return fl.Value, true
				}
			}
			continue
		}
		if sem.ShareAtom(readKeys, f.KeyAtoms(fl.Value)) {
			return fl.Value, true
		}
	}
	for _, k := range w.Keys {
		if ok, fields := f.Mentions(k, vars); ok {
			for _, x := range fields {
				if idFields[x] || readFields[x] {
					return k, true
				}
			}
			continue
		}
		if sem.ShareAtom(readKeys, f.KeyAtoms(k)) {
			return k, true
		}
	}
	return syntax.Node{}, false
}

// versionNames are optimistic-concurrency columns, normalised.
var versionNames = map[string]bool{
	"version": true, "lockversion": true, "rowversion": true, "recordversion": true, "entityversion": true,
	"docversion": true, "revision": true, "rev": true, "etag": true, "concurrencystamp": true,
	"optimisticlock": true,
}

// versionField reports an optimistic-concurrency column (version,
// lock_version, __v, _rev, etag), not a column that merely ends in
// "version" (min_client_version).
func versionField(name string) bool {
	return versionNames[sem.NormName(name)] || name == "__v"
}

// serialised reports a read and a write that one lock holds both of (in
// their function, or around every call of it), or a write in a
// serializable (or otherwise isolated) transaction.
func serialised(f *sem.File, r, w *models.Access) bool {
	if lr, ok := f.LockAt(r.Call); ok {
		if lw, ok := f.LockAt(w.Call); ok && lr == lw {
			return true
		}
	}
	if fn := f.FuncAt(r.Call); fn != nil && fn == f.FuncAt(w.Call) && f.Project().CalledUnderLock(f, fn) {
		return true // every caller holds a lock around the call
	}
	return f.Isolated(w.Call)
}

// ctaSafe reports what makes the pair safe: the write carries a condition
// (on a tested or written field, or a version), a lock around both, a row
// lock taken in the same transaction before the read, a serializable
// transaction, a MongoDB transaction, or a redis WATCH.
func ctaSafe(f *sem.File, fn *sem.Func, acc []models.Access, r, w *models.Access) bool {
	for _, fl := range w.Where {
		if fl.Cond || versionField(fl.Name) {
			return true
		}
	}
	if w.SQL != nil {
		for _, c := range w.SQL.WhereCols {
			if w.SQL.HasSetCol(c) || versionField(c) {
				return true
			}
		}
		// A WHERE column beyond the ones the read picked the row by is a
		// condition the database checks at write time.
		rf := map[string]bool{}
		for _, fl := range r.Where {
			rf[sem.NormName(fl.Name)] = true
		}
		for _, c := range w.SQL.WhereCols {
			if len(rf) > 0 && !rf[sem.NormName(c)] && !idFields[c] && !strings.HasSuffix(c, "_id") {
				return true
			}
		}
	}
	for _, fl := range w.Where {
		for _, d := range w.Data {
			if fl.Name != "" && sem.NormName(fl.Name) == sem.NormName(d.Name) {
				return true
			}
		}
	}
	if serialised(f, r, w) {
		return true
	}
	for i := range acc {
		l := &acc[i]
		if l.Call.Start() > r.Call.Start() || !l.Locking {
			continue
		}
		if (l == r || sem.SameResource(l, r) || l.Kind == models.StoreHelper) && f.InTransaction(l) && f.InTransaction(w) {
			return true
		}
	}
	if mongoSession(r) && mongoSession(w) {
		return true
	}
	if claimedBetween(f, acc, r, w) || claimedFirst(f, acc, r, w) {
		return true
	}
	if r.Kind == models.StoreRedis {
		for _, c := range fn.Calls() {
			if c.Start() >= r.Call.Start() {
				break
			}
			if m := models.Method(c); strings.EqualFold(m, "watch") {
				return true
			}
		}
	}
	return false
}

// mongoSession reports an access made with a MongoDB session, whose
// transactions abort on a write conflict.
func mongoSession(a *models.Access) bool {
	if a.TxArg.IsNil() {
		return false
	}
	p := a.TxArg.Parent()
	return p.Is(syntax.KPair) && p.Child(syntax.FKey).Text() == "session" || a.TxArg.Text() == "session"
}

func reportCTA(p *analysis.Pass, c *ctaFinding, w *models.Access) {
	r := c.read
	rl, wl := r.Call.Line(), w.Call.Line()
	what := describeRead(r, c)
	msg := fmt.Sprintf("%s read at line %d decides the write at line %d; another request can change it in between, so the write acts on a stale check", what, rl, wl)
	related := []analysis.Related{p.At(r.Call, "read here")}
	if !c.guard.IsNil() {
		related = append(related, p.At(c.guard, "checked here"))
	}
	p.Report(w.Call, msg, ctaFix(w), related...)
}

// describeRead names what was read: "seats_left of events[eventId]",
// "the value of redis key `quota:${apiKey}`", "the result of
// getCredits(accountId)".
func describeRead(r *models.Access, c *ctaFinding) string {
	key := ""
	switch {
	case !c.key.IsNil():
		key = keyText(c.key)
	default:
		key = accessKeyText(r)
	}
	switch {
	case r.Kind == models.StoreRedis:
		if c.field != "*" && c.field != "" {
			return fmt.Sprintf("%s of redis key %s", c.field, key)
		}
		return "redis key " + key
	case r.Kind == models.StoreHelper && c.field == "*":
		return "the result of " + brief(r.Call.Text())
	case r.Kind == models.StoreHelper:
		return fmt.Sprintf("%s of %s", c.field, brief(r.Call.Text()))
	}
	res := displayName(r.Resource)
	if res == "" {
		res = "the record"
	}
	target := res
	if key != "" {
		target = fmt.Sprintf("%s[%s]", res, key)
	}
	if c.field == "*" || c.field == "" {
		return target
	}
	return fmt.Sprintf("%s of %s", c.field, target)
}

func ctaFix(w *models.Access) string {
	switch w.Kind {
	case models.StoreSQL:
		return "Fold the check into the write (UPDATE ... WHERE id = $1 AND <condition>) and check the affected row count, or read with SELECT ... FOR UPDATE inside a transaction on one client."
	case models.StorePrisma:
		return "Put the condition in the write (updateMany({ where: { id, field: { gte: n } }, data: { field: { decrement: n } } })) and check count, or lock the row with SELECT ... FOR UPDATE inside an interactive $transaction."
	case models.StoreORM, models.StoreBuilder:
		return "Put the condition in the update's where/filter (or use an atomic increment with the condition) and check the affected count, or lock the row (lock: true, setLock('pessimistic_write'), forUpdate()) inside a transaction."
	case models.StoreRedis:
		return "Use an atomic command (INCRBY/DECRBY, SET NX) or a Lua script that checks and writes in one step, or WATCH the key and write in MULTI/EXEC."
	case models.StoreHTTP:
		return "Use a conditional request (If-Match with the ETag you read) or an endpoint that checks and writes atomically."
	case models.StoreDynamo:
		return "Add a ConditionExpression that re-checks the value to the write."
	}
	return ""
}

// displayName shows a table, model or receiver name in messages:
// this.fulfillmentService_ is "fulfillment", userRepository is "user".
func displayName(res string) string {
	r := strings.Trim(res, "_$")
	for _, suf := range []string{"Repository", "Repo", "Service", "Model", "Collection", "Store"} {
		if t := strings.TrimSuffix(r, suf); t != "" && t != r {
			return t
		}
	}
	return r
}

// keyText shows a key expression in messages: the first field's value of
// an object ({ email: validatedEmail } shows validatedEmail).
func keyText(n syntax.Node) string {
	if fs := models.ObjectFields(n); len(fs) > 0 && !fs[0].Value.IsNil() {
		n = fs[0].Value
	}
	return brief(n.Text())
}

// accessKeyText shows what an access picks its record by.
func accessKeyText(a *models.Access) string {
	for _, w := range a.Where {
		if !w.Value.IsNil() && !w.Cond {
			return keyText(w.Value)
		}
	}
	if len(a.Keys) > 0 {
		return keyText(a.Keys[0])
	}
	return ""
}

// membershipOnly reports a check that a member is (or is not) in a set
// field, deciding a write that only adds or removes members of that field
// atomically ($addToSet, $pull): if another request changed the set in
// between, the write adds a member already there or removes one already
// gone, which changes nothing, and a write skipped on a stale check
// skipped such a no-op. The membership may be tested directly
// (tags.includes(t)) or through a constant holding the search (const
// entry = list.find(...); if (!entry) return). A count or size check is
// not membership: the set can outgrow it.
func membershipOnly(f *sem.File, c *ctaFinding, w *models.Access) bool {
	if len(w.Data) == 0 {
		return false
	}
	for _, d := range w.Data {
		if !d.SetOp {
			return false
		}
	}
	member, count := false, false
	var walk func(e syntax.Node, depth int)
	walk = func(e syntax.Node, depth int) {
		e.Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KCallExpression) && membershipMethods[models.Method(n)] {
				member = true
			}
			if n.Is(syntax.KPropertyIdentifier) && (n.Text() == "length" || n.Text() == "size") {
				count = true
			}
			if n.Is(syntax.KIdentifier) && depth == 0 {
				if b := f.Resolve(n); b != nil && b.Kind == sem.BConst && !b.Init.IsNil() && b.Init != b.Decl {
					walk(b.Init, depth+1)
				}
			}
			return !sem.IsFunction(n) || n == e
		})
	}
	walk(c.guard, 0)
	return member && !count
}

// membershipMethods test whether a collection holds a member.
var membershipMethods = map[string]bool{"includes": true, "indexOf": true, "has": true, "some": true, "find": true, "findIndex": true}

// claimedBetween reports a write made only after this request claimed the
// record: between the read and the write, a conditional update of the same
// resource (updateMany({ where: { id, status: "PENDING" } })) whose result
// a guard of the write tests (if (claim.count === 0) return). Of two
// racing requests, only the one whose update changed a row goes on.
func claimedBetween(f *sem.File, acc []models.Access, r, w *models.Access) bool {
	for i := range acc {
		c := &acc[i]
		if c == w || c.Call.Start() < r.Call.End() || c.Call.End() > w.Call.Start() || !c.ConditionalWrite() {
			continue
		}
		if c.Resource != "" && w.Resource != "" && !sem.SameResource(c, w) {
			continue
		}
		b := resultBinding(f, c.Call)
		if b == nil {
			continue
		}
		for _, g := range f.Guards(w.Call) {
			if g.Kind != sem.GuardTry && mentionsBinding(f, g.Cond, b) {
				return true
			}
		}
	}
	return false
}

// resultBinding returns the variable an awaited call's result is stored
// in (const claim = await x.updateMany(...)), or nil.
func resultBinding(f *sem.File, call syntax.Node) *sem.Binding {
	e := call
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAwaitExpression, syntax.KAsExpression) {
		e, p = p, p.Parent()
	}
	if !p.Is(syntax.KVariableDeclarator) || p.Child(syntax.FValue) != e {
		return nil
	}
	name := p.Child(syntax.FName)
	if name.Is(syntax.KObjectPattern) {
		// const { count } = await x.updateMany(...)
		for _, c := range name.NamedChildren() {
			if c.Is(syntax.KShorthandPropertyIdentifierPattern) {
				return f.Resolve(c)
			}
		}
		return nil
	}
	return f.Resolve(name)
}

// mentionsBinding reports whether n mentions the variable b.
func mentionsBinding(f *sem.File, n syntax.Node, b *sem.Binding) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if !found && m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && f.Resolve(m) == b {
			found = true
		}
		return !found
	})
	return found
}

// otherRecord reports a write that picks another record than the read by
// a field both filter on: the read finds the requester's membership
// ({ teamId, userId: me }), the write changes someone else's ({ teamId,
// userId: target }). Values that come from the read's own result are
// left to sameRecord.
func otherRecord(f *sem.File, r *models.Access, vars []sem.ResultVar, w *models.Access) bool {
	for _, wf := range w.Where {
		if wf.Cond || wf.Name == "" || wf.Value.IsNil() {
			continue
		}
		if ok, _ := f.Mentions(wf.Value, vars); ok {
			continue
		}
		wa := f.KeyAtoms(wf.Value)
		if len(wa) == 0 {
			continue
		}
		for _, rf := range r.Where {
			if rf.Cond || rf.Value.IsNil() || sem.NormName(rf.Name) != sem.NormName(wf.Name) {
				continue
			}
			if ra := f.KeyAtoms(rf.Value); len(ra) > 0 && !sem.ShareAtom(ra, wa) {
				return true
			}
		}
	}
	return false
}
