package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// idempotencyraceWords1 are what a file must mention for the check to apply.
var idempotencyraceWords1 = sem.Needles("dempoten")

func init() {
	register(&analysis.Rule{
		ID:        "idempotency-race",
		Severity:  analysis.High,
		Title:     "idempotency key looked up, then stored only after the work runs (or stored fire-and-forget)",
		Fix:       "Claim the key atomically before doing the work (INSERT ... ON CONFLICT DO NOTHING or SET key NX with an in-flight state), answer 409 to a duplicate that finds it in flight, and await the store of the final response.",
		Overrides: []string{"check-then-act"},
		Run:       runIdempotencyRace,
	})
}

func runIdempotencyRace(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !f.SourceHas(idempotencyraceWords1...) {
		return
	}
	seen := map[*sem.Binding]bool{}
	f.Root().Walk(func(n syntax.Node) bool {
		var b *sem.Binding
		switch {
		case n.Is(syntax.KVariableDeclarator):
			name := n.Child(syntax.FName)
			if name.Is(syntax.KIdentifier) && (models.IsIdempotencyName(name.Text()) || idemHeaderRead(n.Child(syntax.FValue))) {
				b = f.Resolve(name)
			}
		case n.Is(syntax.KShorthandPropertyIdentifierPattern):
			if models.IsIdempotencyName(n.Text()) {
				b = f.Resolve(n)
			}
		case n.Is(syntax.KRequiredParameter, syntax.KOptionalParameter):
			pat := n.Child(syntax.FPattern)
			if pat.Is(syntax.KIdentifier) && (models.IsIdempotencyName(pat.Text()) || idemHeaderDecorator(n)) {
				b = f.Resolve(pat)
			}
		}
		if b != nil && !seen[b] && b.Scope != nil && !b.Scope.Module {
			seen[b] = true
			checkIdempotencyKey(p, b)
		}
		return true
	})
}

// idemHeaderRead reports whether an expression reads an idempotency-key
// request header: req.header("Idempotency-Key"), req.get(...),
// request.headers.get(...), req.headers["idempotency-key"].
func idemHeaderRead(e syntax.Node) bool {
	found := false
	e.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KCallExpression):
			if a := models.Args(n); len(a) > 0 {
				if s, ok := sem.StringValue(a[0]); ok && models.IdempotencyHeaders[strings.ToLower(s)] {
					found = true
				}
			}
		case n.Is(syntax.KSubscriptExpression):
			if s, ok := sem.StringValue(n.Child(syntax.FIndex)); ok && models.IdempotencyHeaders[strings.ToLower(s)] {
				found = true
			}
		}
		return true
	})
	return found
}

// idemHeaderDecorator reports a NestJS parameter taken from the header:
// @Headers("idempotency-key") key: string.
func idemHeaderDecorator(param syntax.Node) bool {
	for _, d := range param.NamedChildren() {
		if d.Is(syntax.KDecorator) && idemHeaderRead(d) {
			return true
		}
	}
	return false
}

// idemAccess is one store access that mentions the key.
type idemAccess struct {
	call     syntax.Node
	op       models.Op
	resource string
	known    bool // a library store call (SQL, ORM, Redis), not a helper
}

func checkIdempotencyKey(p *analysis.Pass, key *sem.Binding) {
	f := p.File
	owner := f.FuncAt(key.Decl)
	if owner == nil || owner.Body.IsNil() {
		return
	}
	var reads, writes []idemAccess
	owner.Body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) || !idemMentions(f, models.Args(n), key) {
			return true
		}
		a, ok := f.StoreAccess(n)
		if !ok {
			a, ok = models.HelperAccess(n)
		}
		if !ok || idemIgnored(n) {
			return true
		}
		acc := idemAccess{call: n, op: a.Op, resource: a.Resource, known: a.Kind != models.StoreHelper}
		switch a.Op {
		case models.OpRead:
			reads = append(reads, acc)
		case models.OpInsert, models.OpUpdate, models.OpUpsert:
			writes = append(writes, acc)
		}
		return true
	})
	if len(reads) == 0 || len(writes) == 0 {
		return
	}
	lookup, store := reads[0], writes[0]
	if store.call.Start() < lookup.call.End() {
		return // the key is written first: a reservation
	}
	readFn, storeFn := f.FuncAt(lookup.call), f.FuncAt(store.call)
	deferred := storeFn != readFn && idemDeferred(storeFn)
	fireAndForget := idemFloating(store.call) && idemAsync(f, store)
	work := idemWorkBetween(f, owner, lookup.call, store.call, key)
	if !work.IsNil() && !idemOnMissPath(f, lookup.call, store.call) {
		work = syntax.Node{}
	}
	if !deferred && work.IsNil() && !fireAndForget {
		return
	}
	var b strings.Builder
	name := "the idempotency key " + key.Name
	if strings.EqualFold(key.Name, "key") {
		name = "the idempotency key"
	}
	fmt.Fprintf(&b, "%s is looked up at line %d but stored only here", name, lookup.call.Line())
	related := []analysis.Related{p.At(lookup.call, "the lookup of the key")}
	switch {
	case deferred:
		b.WriteString(", when the response is sent")
	case !work.IsNil():
		fmt.Fprintf(&b, ", after the work at line %d", work.Line())
		related = append(related, p.At(work, "the work the key should guard"))
	}
	b.WriteString(": two concurrent requests with the same key both miss the lookup and both run the work")
	if fireAndForget {
		b.WriteString("; the store is also fire-and-forget, so a failed or slow write lets a retry run the work again")
	}
	p.Report(lkSite(store.call), b.String(), "", related...)
}

// idemDeferred reports whether a function runs when the response is sent:
// it replaces a method of the response (res.json = (body) => ...), or
// listens for its end (res.on("finish", ...)).
func idemDeferred(fn *sem.Func) bool {
	p := fn.Node.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KAssignmentExpression) {
		if l := p.Child(syntax.FLeft); l.Is(syntax.KMemberExpression) {
			return models.ResponseReceivers[l.Child(syntax.FObject).Unparen().Text()]
		}
	}
	if call := sem.CallbackOf(fn.Node); !call.IsNil() {
		chain, m := models.Callee(call)
		return (m == "on" || m == "once") && len(chain) > 0 && models.ResponseReceivers[chain[len(chain)-1]] ||
			m == "addHook" || m == "onSend"
	}
	return false
}

// idemMentions reports whether any of the nodes refers to the binding.
func idemMentions(f *sem.File, nodes []syntax.Node, b *sem.Binding) bool {
	found := false
	for _, a := range nodes {
		a.Walk(func(n syntax.Node) bool {
			if found {
				return false
			}
			if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n.Text() == b.Name && f.Resolve(n) == b {
				found = true
			}
			return true
		})
	}
	return found
}

// idemIgnored are calls that mention the key without touching a store:
// logging, the response, header reads.
func idemIgnored(call syntax.Node) bool {
	chain, m := models.Callee(call)
	if len(chain) > 0 && (models.LogReceivers[chain[0]] || models.ResponseReceivers[chain[0]]) {
		return true
	}
	switch m {
	case "header", "setHeader", "set", "get":
		return len(chain) > 0 && (models.ResponseReceivers[chain[len(chain)-1]] || chain[len(chain)-1] == "headers" || chain[len(chain)-1] == "req" || chain[len(chain)-1] == "request")
	}
	return false
}

// idemAsync reports whether a store call returns a promise: a library
// store call, a call chained with .then/.catch, or a project function that
// returns one. A Map's set is synchronous and cannot be left in flight.
func idemAsync(f *sem.File, a idemAccess) bool {
	if a.known {
		return true
	}
	if p := a.call.Parent(); p.Is(syntax.KMemberExpression) {
		switch p.Child(syntax.FProperty).Text() {
		case "then", "catch", "finally":
			return true
		}
	}
	return f.Project() != nil && f.Project().CallReturnsPromise(f, a.call)
}

// idemFloating reports whether a call's promise is neither awaited,
// returned nor stored: store.save(x).catch(() => undefined).
func idemFloating(call syntax.Node) bool {
	n := call
	for {
		p := n.Parent()
		for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
			n, p = p, p.Parent()
		}
		if p.Is(syntax.KMemberExpression) && p.Child(syntax.FObject) == n {
			if gp := p.Parent(); gp.Is(syntax.KCallExpression) {
				switch p.Child(syntax.FProperty).Text() {
				case "catch", "then", "finally":
					n = gp
					continue
				}
			}
		}
		switch {
		case p.Is(syntax.KExpressionStatement):
			return true
		case p.Is(syntax.KUnaryExpression) && p.HasToken("void"):
			return true
		}
		return false
	}
}

// idemWorkBetween returns the first call between the lookup and the store
// that does the work the key guards: an awaited call that is not about the
// key itself, or the next() of a middleware.
func idemWorkBetween(f *sem.File, owner *sem.Func, lookup, store syntax.Node, key *sem.Binding) syntax.Node {
	var work syntax.Node
	owner.Body.Walk(func(n syntax.Node) bool {
		if !work.IsNil() || n.Start() >= store.Start() {
			return false
		}
		if !n.Is(syntax.KCallExpression) || n.Start() <= lookup.End() || lookup.Contains(n) {
			return true
		}
		chain, m := models.Callee(n)
		if len(chain) == 0 && m == "next" {
			work = n
			return false
		}
		if !idemAwaited(n) || idemIgnored(n) || idemMentions(f, models.Args(n), key) {
			return true
		}
		if a, ok := f.StoreAccess(n); ok && a.Op == models.OpRead {
			return true
		}
		if !idemOnMissPath(f, lookup, n) {
			return true // runs only when the lookup found the key
		}
		work = n
		return false
	})
	return work
}

// idemHolder returns the variable a lookup's result lands in through a
// conditional: const existing = key ? await store.find(key) : undefined.
func idemHolder(f *sem.File, lookup syntax.Node) *sem.Binding {
	n := lookup
	for p := n.Parent(); ; n, p = p, p.Parent() {
		switch {
		case p.Is(syntax.KAwaitExpression, syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression):
			continue
		case p.Is(syntax.KTernaryExpression) && n.Field() != syntax.FCondition:
			continue
		case p.Is(syntax.KBinaryExpression) && (p.Operator() == "??" || p.Operator() == "||"):
			continue
		case p.Is(syntax.KVariableDeclarator):
			if id := p.Child(syntax.FName); id.Is(syntax.KIdentifier) {
				return f.Resolve(id)
			}
		}
		return nil
	}
}

// idemOnMissPath reports whether n can run when the lookup found nothing:
// no guard of n requires the looked-up record to exist. Work done only for
// a found (say, expired) record is not the work two racing first requests
// would both do.
func idemOnMissPath(f *sem.File, lookup, n syntax.Node) bool {
	vars := f.ResultVars(lookup)
	held := idemHolder(f, lookup)
	isUse := func(m syntax.Node) bool {
		m = m.Unparen()
		if m == lookup || lookup.Contains(m) && m.Is(syntax.KAwaitExpression) || m.Is(syntax.KAwaitExpression) && m.NamedChild(0).Unparen() == lookup {
			return true
		}
		if m.Is(syntax.KMemberExpression) {
			switch m.Child(syntax.FProperty).Text() {
			case "length", "rowCount", "count", "size":
				m = m.Child(syntax.FObject).Unparen()
			}
		}
		if !m.Is(syntax.KIdentifier) {
			return false
		}
		b := f.Resolve(m)
		if held != nil && b == held {
			return true
		}
		for _, v := range vars {
			if v.Binding == b {
				return true
			}
		}
		return false
	}
	for _, g := range f.Guards(n) {
		if g.Stmt.Start() < lookup.Start() {
			continue
		}
		want := sem.False // the guard stops n when the record is missing
		if g.Negated {
			want = sem.True
		}
		if sem.WhenMissing(g.Cond, isUse) == want {
			return false
		}
	}
	return true
}

// idemAwaited reports whether a call is awaited (directly or through a
// .then chain).
func idemAwaited(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
		p = p.Parent()
	}
	return p.Is(syntax.KAwaitExpression)
}
