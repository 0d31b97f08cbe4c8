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

func init() {
	register(&analysis.Rule{
		ID:       "for-update-outside-transaction",
		Severity: analysis.High,
		Title:    "SELECT ... FOR UPDATE / FOR SHARE run through a pool or ORM outside a transaction, so the row lock ends with the statement",
		Fix:      "Run the locking read and the writes that depend on it in one transaction: on a client from pool.connect() after BEGIN, or inside prisma.$transaction(async tx => ...), knex.transaction(trx => ...), sequelize.transaction(t => ...) with { transaction: t }, or a typeorm queryRunner after startTransaction().",
		Run:      runForUpdate,
	})
}

func runForUpdate(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	f.EachCall(func(n syntax.Node) bool {
		if models.IsChainLink(n) {
			return true
		}
		a, ok := f.Classify(n)
		if !ok || a.Op != models.OpRead || !a.Locking {
			return true
		}
		if f.InTransaction(&a) || receivedHandle(f, &a) || openedHandle(f, &a) {
			return true
		}
		reportForUpdate(p, &a)
		return true
	})
}

// receiverRoot returns the identifier (or this) at the root of a call's
// receiver: pool for pool.query, this for this.pool.query.
func receiverRoot(call syntax.Node) syntax.Node {
	r := models.Receiver(call).Unparen()
	for {
		switch {
		case r.Is(syntax.KMemberExpression):
			r = r.Child(syntax.FObject).Unparen()
			continue
		case r.Is(syntax.KCallExpression):
			r = r.Child(syntax.FFunction).Unparen()
			continue
		case r.Is(syntax.KAwaitExpression):
			r = r.NamedChild(0).Unparen()
			continue
		}
		return r
	}
}

// clientNames are receivers that stand for a pool or a global client,
// which never hold a transaction across statements.
func clientName(name string) bool {
	l := strings.ToLower(name)
	return sem.IsPoolName(l) || l == "prisma" || l == "knex" || l == "sequelize" || l == "datasource" || l == "appdatasource" || strings.HasSuffix(l, "prisma")
}

// receivedHandle reports a locking read on a handle the function was given
// (a client, connection or query builder parameter): the caller may hold a
// transaction on it. A parameter named like a pool or global client is not
// such a handle.
func receivedHandle(f *sem.File, a *models.Access) bool {
	root := receiverRoot(a.Call)
	switch {
	case root.Is(syntax.KIdentifier):
		b := f.Resolve(root)
		if b == nil {
			return false
		}
		if b.Kind == sem.BParam {
			// A model class (sequelize Model.findOne) holds no connection:
			// only a { transaction } option puts it in a transaction.
			if a.Kind == models.StoreORM && b.Name != "" && b.Name[0] >= 'A' && b.Name[0] <= 'Z' {
				return false
			}
			return !clientName(b.Name) || f.GivenInTransaction(b)
		}
		// const qb = manager.createQueryBuilder(...): follow the variable.
		if init := b.Init; !init.IsNil() && (b.Kind == sem.BConst || b.Kind == sem.BLet) {
			if r := exprRoot(init); r.Is(syntax.KIdentifier) && r.Text() != root.Text() {
				if rb := f.Resolve(r); rb != nil && rb.Kind == sem.BParam && !clientName(rb.Name) {
					return true
				}
			}
		}
	case root.Is(syntax.KThis):
		// this.pool, this.prisma: the service's own pool or client. A
		// field named like a transaction is a handle given to it.
		t := strings.ToLower(models.Receiver(a.Call).Text())
		return strings.Contains(t, "trx") || strings.Contains(t, "transaction") || strings.HasSuffix(t, ".tx")
	}
	return false
}

func exprRoot(n syntax.Node) syntax.Node {
	n = n.Unparen()
	for {
		switch {
		case n.Is(syntax.KAwaitExpression):
			n = n.NamedChild(0).Unparen()
		case n.Is(syntax.KCallExpression):
			n = n.Child(syntax.FFunction).Unparen()
		case n.Is(syntax.KMemberExpression):
			n = n.Child(syntax.FObject).Unparen()
		default:
			return n
		}
	}
}

// openedHandle reports a locking read on a variable that holds a
// transaction: const trx = await knex.transaction(), const t = await
// sequelize.transaction(), const tx = db.transaction().
func openedHandle(f *sem.File, a *models.Access) bool {
	root := receiverRoot(a.Call)
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(root)
	if b == nil || b.Init.IsNil() {
		return false
	}
	init := strings.ToLower(b.Init.Text())
	return strings.Contains(init, "transaction(") || strings.Contains(init, "begin(") || strings.Contains(init, ".transaction")
}

func reportForUpdate(p *analysis.Pass, a *models.Access) {
	f := p.File
	lock := "FOR UPDATE"
	if a.SQL != nil && !a.SQL.ForUpdate && a.SQL.ForShare {
		lock = "FOR SHARE"
	}
	what := "the locking read"
	if a.Resource != "" {
		what = fmt.Sprintf("the %s lock on %s", lock, a.Resource)
	}
	recv := models.Receiver(a.Call).Text()
	if recv == "" {
		recv = "the client"
	}
	msg := fmt.Sprintf("%s is taken through %s outside a transaction: the row lock is released when the statement ends, so it protects nothing that follows", what, brief(recv))
	var related []analysis.Related
	if begin := poolBegin(f, a); !begin.IsNil() {
		msg = fmt.Sprintf("%s is taken through %s, but BEGIN was sent with its own %s.query at line %d: each pool query may run on a different connection, so the row lock is released when the statement ends", what, brief(recv), brief(models.Receiver(begin).Text()), begin.Line())
		related = append(related, p.At(begin, "BEGIN sent through the pool"))
	}
	p.Report(lockSite(a.Call), msg, "", related...)
}

// lockSite returns where a locking read is best shown: the .setLock(),
// .forUpdate() or .for("update") link of a query-builder chain, or the
// call itself.
func lockSite(call syntax.Node) syntax.Node {
	for n := call.Unparen(); n.Is(syntax.KCallExpression); {
		fn := n.Child(syntax.FFunction).Unparen()
		if !fn.Is(syntax.KMemberExpression) {
			break
		}
		switch fn.Child(syntax.FProperty).Text() {
		case "setLock", "forUpdate", "forShare", "forNoKeyUpdate", "forKeyShare", "for":
			return fn.Child(syntax.FProperty)
		}
		n = fn.Child(syntax.FObject).Unparen()
	}
	return call
}

// poolBegin finds a BEGIN sent through a pool earlier in the function.
func poolBegin(f *sem.File, a *models.Access) syntax.Node {
	fn := f.FuncAt(a.Call)
	if fn == nil {
		return syntax.Node{}
	}
	for _, c := range fn.Calls() {
		if c.Start() >= a.Call.Start() {
			break
		}
		if sql, _, ok := models.SQLOf(c, f.Env()); ok && sqltext.Parse(sql).Verb == "BEGIN" && sem.IsPoolName(models.Receiver(c).Text()) {
			return c
		}
	}
	return syntax.Node{}
}

// brief collapses whitespace and shortens an expression for messages.
func brief(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
