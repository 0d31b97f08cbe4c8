package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/sqltext"
	"github.com/racecheck/racecheck/internal/syntax"
)

// advisorylockWords1 are what a file must mention for the check to apply.
var advisorylockWords1 = sem.Needles("advisory")

func init() {
	register(&analysis.Rule{
		ID:       "advisory-lock-connection",
		Severity: analysis.High,
		Title:    "session-level Postgres advisory lock taken through a pool, or left held on a client released to the pool",
		Fix:      "Use pg_advisory_xact_lock inside a transaction on one client, or take the session lock on a client from pool.connect() and unlock it in a finally block before client.release().",
		Run:      runAdvisoryLock,
	})
}

// alConn is what a query's receiver is, as far as advisory locks go.
type alConn int

const (
	alUnknown   alConn = iota
	alPool             // each query may run on a different connection
	alClient           // a connection checked out of a pool, returned by release()
	alDedicated        // a connection of its own (new Client()), closed by end()
	alTx               // the connection of a transaction callback
)

// alQuery is one SQL query with advisory-lock functions in it.
type alQuery struct {
	call   syntax.Node
	recv   string // receiver text, to pair a lock with its unlock
	fn     string // the session-level lock function
	lock   bool
	unlock bool
}

func runAdvisoryLock(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !f.SourceHas(advisorylockWords1...) {
		return
	}
	var locks []alQuery
	f.EachCall(func(n syntax.Node) bool {
		if q, ok := alAdvisory(f, n); ok && q.lock {
			locks = append(locks, q)
		}
		return true
	})
	for _, q := range locks {
		alCheck(p, q)
	}
}

// alAdvisory reads a query call and the advisory functions in its SQL.
func alAdvisory(f *sem.File, call syntax.Node) (alQuery, bool) {
	sqlNode, recv := alSQLArg(call)
	if sqlNode.IsNil() {
		return alQuery{}, false
	}
	text, ok := alSQLText(f, sqlNode)
	if !ok || !strings.Contains(strings.ToLower(text), "advisory") {
		return alQuery{}, false
	}
	q := alQuery{call: call, recv: lkRootText(recv)}
	for _, a := range sqltext.Parse(text).Advisory {
		switch models.AdvisoryKind(a) {
		case "session":
			q.lock = true
			if q.fn == "" {
				q.fn = a
			}
		case "unlock":
			q.unlock = true
		}
	}
	return q, q.lock || q.unlock
}

// alSQLArg returns the SQL-bearing argument of a query call and its
// receiver: pool.query(sql, ...), knex.raw(sql), prisma.$queryRaw`...`,
// sql`...` (postgres.js), client.query({ text: sql }).
func alSQLArg(call syntax.Node) (sqlNode, recv syntax.Node) {
	fn := call.Child(syntax.FFunction).Unparen()
	if a := call.Child(syntax.FArguments); a.Is(syntax.KTemplateString) {
		// A tagged template: the tag is the connection (sql`...`) or its
		// method (prisma.$queryRaw`...`).
		if fn.Is(syntax.KMemberExpression) {
			return a, fn.Child(syntax.FObject)
		}
		return a, fn
	}
	m := models.Method(call)
	if !models.QueryMethods[m] {
		return syntax.Node{}, syntax.Node{}
	}
	args := models.Args(call)
	if len(args) == 0 {
		return syntax.Node{}, syntax.Node{}
	}
	first := args[0].Unparen()
	if first.Is(syntax.KObject) {
		for _, pr := range first.NamedChildren() {
			if pr.Is(syntax.KPair) && pr.Child(syntax.FKey).Text() == "text" {
				first = pr.Child(syntax.FValue)
			}
		}
	}
	return first, models.Receiver(call)
}

// alSQLText returns the SQL of a string, template or tagged template, or
// of a constant holding one.
func alSQLText(f *sem.File, n syntax.Node) (string, bool) {
	n = n.Unparen()
	if n.Is(syntax.KIdentifier) {
		if b := f.Resolve(n); b != nil && b.Kind == sem.BConst && !b.Init.IsNil() {
			n = b.Init.Unparen()
		}
	}
	if n.Is(syntax.KBinaryExpression) && n.Operator() == "+" {
		l, _ := alSQLText(f, n.Child(syntax.FLeft))
		r, _ := alSQLText(f, n.Child(syntax.FRight))
		return l + r, l+r != ""
	}
	return sqltext.FromNode(n)
}

func alCheck(p *analysis.Pass, q alQuery) {
	f := p.File
	_, recv := alSQLArg(q.call)
	kind, name := alKind(f, recv)
	fn := f.FuncAt(q.call)
	switch kind {
	case alPool:
		msg := fmt.Sprintf("%s runs through the pool %s: the pool lends each query any idle connection, so the session lock stays on a connection this code no longer holds, and other requests that borrow it pass straight through", q.fn, name)
		var related []analysis.Related
		if u := alUnlockAfter(f, fn, q); !u.IsNil() {
			msg += fmt.Sprintf("; the unlock at line %d may run on a different connection and release nothing", u.Line())
			related = append(related, p.At(u, "the unlock, possibly on another connection"))
		} else {
			msg += "; the lock is never released"
		}
		p.Report(q.call, msg, "", related...)
	case alClient:
		owner := alOwnerFunc(f, recv, fn)
		if owner == nil {
			return
		}
		rel := alReleases(owner, q.recv)
		if len(rel) == 0 {
			return // kept for the life of the connection, or released elsewhere
		}
		if alUnlockGuaranteed(f, owner, q) || alAllDestroy(rel) {
			return
		}
		p.Report(q.call, fmt.Sprintf("%s is taken on %s, which goes back to the pool at line %d with no unlock on every path before it: the next request that borrows this connection finds the lock already held by its session and passes straight through (advisory locks are re-entrant), while everyone else waits forever", q.fn, name, rel[0].Line()), "",
			p.At(rel[0], "the connection returns to the pool here"))
	case alTx:
		if fn == nil || !alUnlockAfter(f, fn, q).IsNil() {
			return
		}
		p.Report(q.call, fmt.Sprintf("%s is session-level: it outlives the transaction on %s and stays on the connection when it goes back to the pool", q.fn, name),
			"Use pg_advisory_xact_lock, which the transaction's commit or rollback releases.")
	}
}

// alKind classifies a query's receiver.
func alKind(f *sem.File, recv syntax.Node) (alConn, string) {
	recv = recv.Unparen()
	for recv.Is(syntax.KCallExpression) {
		// this.getManager().execute(...), knex.raw(...).then(...)
		recv = models.Receiver(recv).Unparen()
	}
	name := recv.Text()
	switch {
	case recv.Is(syntax.KMemberExpression):
		prop := recv.Child(syntax.FProperty).Text()
		if recv.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
			if k := alFieldKind(recv, prop); k != alUnknown {
				return k, name
			}
		}
		if models.IsPooledName(prop) {
			return alPool, name
		}
		return alUnknown, name
	case recv.Is(syntax.KIdentifier):
		return alBindingKind(f, f.Resolve(recv), recv.Text(), 0), name
	}
	return alUnknown, name
}

func alBindingKind(f *sem.File, b *sem.Binding, name string, depth int) alConn {
	if b == nil || depth > 4 {
		if models.IsPooledName(name) {
			return alPool
		}
		return alUnknown
	}
	if b.Import != nil {
		spec := b.Import.Spec
		if models.PgPoolPackages[spec] && (b.Import.Name == "sql" || b.Import.Name == "db" || b.Import.Name == "pool") {
			return alPool
		}
		if pr := f.Project(); pr != nil {
			n := b.Import.Name
			if n == "*" && b.Import.Require {
				n = "default"
			}
			if ef, ex := pr.ResolveExport(pr.ResolveSpec(f, spec), n); ex != nil && !ex.Value.IsNil() {
				if k := alValueKind(ef, ex.Value, depth+1); k != alUnknown {
					return k
				}
			}
		}
		if models.IsPooledName(name) {
			return alPool
		}
		return alUnknown
	}
	if b.Kind == sem.BParam {
		if fn := f.FuncAt(b.Decl); fn != nil {
			if call := sem.CallbackOf(fn.Node); !call.IsNil() && (models.IsTransactionCall(call) || alBeginCall(call)) {
				return alTx
			}
		}
	}
	if t := lkTypeOf(b); t != "" {
		if k := alTypeKind(t); k != alUnknown {
			return k
		}
	}
	if k := alValueKind(f, b.Init, depth+1); k != alUnknown {
		return k
	}
	if models.IsPooledName(name) {
		return alPool
	}
	return alUnknown
}

// alBeginCall reports sql.begin(async sql => ...) (postgres.js).
func alBeginCall(call syntax.Node) bool {
	m := models.Method(call)
	_, fn := models.HasFunctionArg(call)
	return m == "begin" && fn
}

// alValueKind classifies the expression a connection variable holds.
func alValueKind(f *sem.File, v syntax.Node, depth int) alConn {
	v = v.Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChild(0).Unparen()
	}
	switch {
	case v.IsNil():
		return alUnknown
	case v.Is(syntax.KNewExpression):
		switch name := models.FactoryName(v); {
		case name == "Client":
			return alDedicated
		case models.PooledFactories[name]:
			return alPool
		}
	case v.Is(syntax.KCallExpression):
		m := models.Method(v)
		if models.ClientCheckoutMethods[m] && !models.Receiver(v).IsNil() {
			if m == "connect" {
				// client.connect() on a dedicated client resolves to nothing
				// useful; pool.connect() resolves to a pool client.
				if k, _ := alKind(f, models.Receiver(v)); k == alDedicated {
					return alDedicated
				}
			}
			return alClient
		}
		if models.PooledFactories[m] && alPooledFactoryImported(f, v) {
			return alPool
		}
	case v.Is(syntax.KIdentifier):
		return alBindingKind(f, f.Resolve(v), v.Text(), depth+1)
	}
	return alUnknown
}

// alPooledFactoryImported reports whether a factory call such as knex(...)
// or postgres(...) calls the library function, not a local one.
func alPooledFactoryImported(f *sem.File, call syntax.Node) bool {
	fn := call.Child(syntax.FFunction).Unparen()
	for fn.Is(syntax.KMemberExpression) {
		fn = fn.Child(syntax.FObject).Unparen()
	}
	if !fn.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(fn)
	return b != nil && b.Import != nil && f.PackageSpec(b.Import.Spec)
}

// alTypeKind classifies a type annotation: Pool, PoolClient, Client.
func alTypeKind(t string) alConn {
	t = strings.TrimPrefix(strings.TrimPrefix(t, "pg."), "Pg")
	switch {
	case strings.HasPrefix(t, "PoolClient"), strings.HasPrefix(t, "QueryRunner"):
		return alClient
	case strings.HasPrefix(t, "Pool"), strings.HasPrefix(t, "Knex"), strings.HasPrefix(t, "PrismaClient"), strings.HasPrefix(t, "Sequelize"), strings.HasPrefix(t, "DataSource"):
		return alPool
	case t == "Client":
		return alDedicated
	}
	return alUnknown
}

// alFieldKind classifies this.x from the class's field declarations.
func alFieldKind(m syntax.Node, name string) alConn {
	body := m.Ancestor(syntax.KClassBody)
	kind := alUnknown
	body.Walk(func(n syntax.Node) bool {
		if kind != alUnknown {
			return false
		}
		switch {
		case n.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition) && n.Child(syntax.FName).Text() == name:
			if t := n.Child(syntax.FType); !t.IsNil() {
				kind = alTypeKind(strings.TrimSpace(strings.TrimPrefix(t.Text(), ":")))
			}
		case n.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) && n.Child(syntax.FPattern).Text() == name:
			if t := n.Child(syntax.FType); !t.IsNil() {
				kind = alTypeKind(strings.TrimSpace(strings.TrimPrefix(t.Text(), ":")))
			}
		}
		return true
	})
	return kind
}

// alOwnerFunc is the function that checked the client out: where its
// variable is declared, if that function contains the lock query.
func alOwnerFunc(f *sem.File, recv syntax.Node, fn *sem.Func) *sem.Func {
	recv = recv.Unparen()
	if recv.Is(syntax.KIdentifier) {
		if b := f.Resolve(recv); b != nil && !b.Decl.IsNil() {
			if owner := f.FuncAt(b.Decl); owner != nil {
				return owner
			}
		}
	}
	return fn
}

// alReleases returns the release()/done() calls on the client in fn (and
// functions nested in it), in source order.
func alReleases(fn *sem.Func, recv string) []syntax.Node {
	var out []syntax.Node
	fn.Body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		if m := models.Method(n); models.ClientReleaseMethods[m] && lkRootText(models.Receiver(n)) == recv {
			out = append(out, n)
		}
		return true
	})
	return out
}

// alAllDestroy reports whether every release destroys the connection
// (release(true), release(err)), which ends its session and its locks.
func alAllDestroy(rel []syntax.Node) bool {
	for _, r := range rel {
		a := models.Args(r)
		if len(a) == 0 || a[0].Is(syntax.KFalse, syntax.KUndefined) {
			return false
		}
	}
	return true
}

// alUnlockAfter returns the first unlock query on the same receiver after
// the lock in fn (and functions nested in it).
func alUnlockAfter(f *sem.File, fn *sem.Func, q alQuery) syntax.Node {
	if fn == nil {
		return syntax.Node{}
	}
	var out syntax.Node
	fn.Body.Walk(func(n syntax.Node) bool {
		if !out.IsNil() {
			return false
		}
		if n.Is(syntax.KCallExpression) && n.Start() > q.call.End() {
			if u, ok := alAdvisory(f, n); ok && u.unlock && u.recv == q.recv {
				out = n
			}
		}
		return true
	})
	return out
}

// alUnlockGuaranteed reports whether an unlock of the same client runs on
// every path after the lock: it sits in a finally block that covers the
// code after the lock.
func alUnlockGuaranteed(f *sem.File, fn *sem.Func, q alQuery) bool {
	ok := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if ok {
			return false
		}
		if n.Is(syntax.KCallExpression) && n.Start() > q.call.End() {
			if u, isQ := alAdvisory(f, n); isQ && u.unlock && u.recv == q.recv && alInFinally(n) {
				ok = true
			}
		}
		return true
	})
	return ok
}

// alInFinally reports whether n lies in a finally clause within its
// function.
func alInFinally(n syntax.Node) bool {
	for m := n; ; {
		try, part := sem.TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == sem.InFinally {
			return true
		}
		m = try
	}
}
