package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// webhookdedupWords1 are what a file must mention for the check to apply.
var webhookdedupWords1 = sem.Needles("ebhook", "constructEvent", "ignature")

func init() {
	register(&analysis.Rule{
		ID:       "webhook-without-dedup",
		Severity: analysis.High,
		Title:    "webhook handler performs side effects with no deduplication on the event id",
		Fix:      "Record the event id atomically (INSERT ... ON CONFLICT DO NOTHING, or SET NX) in the same transaction as the side effect, and skip the event when it was already recorded.",
		Run:      runWebhookDedup,
	})
}

func runWebhookDedup(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !whCandidate(f) {
		return
	}
	for _, h := range whHandlers(f) {
		effects := whEffects(f, h, true)
		if len(effects) == 0 || whDeduped(f, h, effects) {
			continue
		}
		first := effects[0]
		what := fmt.Sprintf("%s at line %d", ikShort(first.desc), first.call.Line())
		related := []analysis.Related{p.At(h.at, "the webhook verification"), p.At(first.call, "the side effect")}
		if !first.inner.IsNil() {
			what += fmt.Sprintf(", which runs %s", whDescribe(first.innerFile, first.inner))
			related = append(related, analysis.RelatedAt(first.innerFile, first.inner, "the effect inside the helper"))
		}
		p.Report(h.fn.Node, fmt.Sprintf("webhook handler (%s at line %d) runs %s with no deduplication on the event id: providers deliver at least once and redeliver on timeouts, so a repeated delivery runs it again",
			h.how, h.at.Line(), what), "", related...)
	}
}

// whDescribe names an effect in another place: "prisma.invoice.update(...)
// at charge-failed.ts:26".
func whDescribe(f *sem.File, call syntax.Node) string {
	name := f.Path
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return fmt.Sprintf("%s(...) at %s:%d", ikShort(call.Child(syntax.FFunction).Text()), name, call.Line())
}

// whCandidate reports whether a file can hold a webhook handler: it
// mentions webhooks, a signature or Stripe's constructEvent.
func whCandidate(f *sem.File) bool {
	return f.SourceHas(webhookdedupWords1...)
}

// whHandler is a function that handles webhook deliveries.
type whHandler struct {
	fn  *sem.Func
	at  syntax.Node // the verification call, or the .on registration
	how string
	// event is the variable holding the verified event (may be nil); id is
	// a variable holding the delivery id itself (octokit's { id }).
	event, id *sem.Binding
}

// whHandlers finds the webhook handlers of a file: functions that verify a
// delivery's signature (stripe.webhooks.constructEvent, svix/standardwebhooks
// Webhook#verify, octokit Webhooks#verify, a verifier helper), and handlers
// registered with a webhook library (webhooks.on("issues.opened", fn)).
func whHandlers(f *sem.File) []whHandler {
	var out []whHandler
	seen := map[*sem.Func]bool{}
	f.EachCall(func(n syntax.Node) bool {
		if fnNode, ok := whLibraryHandler(f, n); ok {
			fn := f.FuncOf(fnNode)
			if fn != nil && !seen[fn] {
				seen[fn] = true
				h := whHandler{fn: fn, at: n, how: "registered with " + ikShort(n.Child(syntax.FFunction).Text())}
				if ps := fn.Params(); len(ps) > 0 {
					pat := ps[0]
					if pat.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
						pat = pat.Child(syntax.FPattern)
					}
					switch {
					case pat.Is(syntax.KIdentifier):
						h.event = f.Resolve(pat)
					case pat.Is(syntax.KObjectPattern):
						for _, c := range pat.NamedChildren() {
							if c.Is(syntax.KShorthandPropertyIdentifierPattern) && c.Text() == "id" {
								h.id = f.Resolve(c)
							}
						}
					}
				}
				out = append(out, h)
			}
			return true
		}
		how, ok := whVerifier(f, n)
		if !ok {
			return true
		}
		fn := whOwner(f, n)
		if fn == nil || seen[fn] || whReturnsVerified(fn, n) {
			return true
		}
		seen[fn] = true
		out = append(out, whHandler{fn: fn, at: n, how: how, event: whResultBinding(f, n)})
		return true
	})
	return out
}

// whLibraryHandler returns the handler of webhooks.on("event", fn) on a
// webhook library object (octokit Webhooks, app.webhooks).
func whLibraryHandler(f *sem.File, call syntax.Node) (syntax.Node, bool) {
	chain, m := models.Callee(call)
	if !models.WebhookHandlerMethods[m] || len(chain) == 0 {
		return syntax.Node{}, false
	}
	args := models.Args(call)
	if len(args) < 2 {
		return syntax.Node{}, false
	}
	fn := args[len(args)-1].Unparen()
	if !sem.IsFunction(fn) {
		return syntax.Node{}, false
	}
	if !whWebhookObject(f, models.Receiver(call)) {
		return syntax.Node{}, false
	}
	return fn, true
}

// whWebhookObject reports whether an expression is a webhook library
// object: app.webhooks, or a value constructed by new Webhooks(...) /
// new Webhook(...) from a webhook package.
func whWebhookObject(f *sem.File, r syntax.Node) bool {
	r = r.Unparen()
	if r.Is(syntax.KMemberExpression) {
		return r.Child(syntax.FProperty).Text() == "webhooks"
	}
	if !r.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(r)
	if b == nil {
		return false
	}
	if b.Import != nil {
		return models.WebhookPackages[b.Import.Spec] && b.Import.Name != "default"
	}
	init := b.Init.Unparen()
	if !init.Is(syntax.KNewExpression) || !models.WebhookVerifierClasses[models.FactoryName(init)] {
		return false
	}
	ctor := init.Child(syntax.FConstructor).Unparen()
	for ctor.Is(syntax.KMemberExpression) {
		ctor = ctor.Child(syntax.FObject).Unparen()
	}
	cb := f.Resolve(ctor)
	return cb != nil && cb.Import != nil && models.WebhookPackages[cb.Import.Spec]
}

// whVerifier reports whether a call verifies a webhook delivery, and says
// how.
func whVerifier(f *sem.File, call syntax.Node) (string, bool) {
	chain, m := models.Callee(call)
	if len(chain) > 0 && models.WebhookVerifyMethods[m] {
		if m == "constructEvent" || m == "constructEventAsync" || chain[len(chain)-1] == "webhooks" || whWebhookObject(f, models.Receiver(call)) {
			return ikShort(call.Child(syntax.FFunction).Text()), true
		}
	}
	if models.IsWebhookVerifierName(m) {
		return ikShort(call.Child(syntax.FFunction).Text()), true
	}
	if pr := f.Project(); pr != nil && len(chain) <= 1 {
		if tf, fn := pr.ResolveCall(f, call); fn != nil && tf != nil {
			for _, c := range fn.Calls() {
				if how, ok := whVerifierDirect(tf, c); ok && whReturnsVerified(fn, c) {
					return how + " in " + ikShort(call.Child(syntax.FFunction).Text()), true
				}
			}
		}
	}
	return "", false
}

// whVerifierDirect is whVerifier without following helpers.
func whVerifierDirect(f *sem.File, call syntax.Node) (string, bool) {
	chain, m := models.Callee(call)
	if len(chain) > 0 && models.WebhookVerifyMethods[m] &&
		(m == "constructEvent" || m == "constructEventAsync" || chain[len(chain)-1] == "webhooks" || whWebhookObject(f, models.Receiver(call))) {
		return ikShort(call.Child(syntax.FFunction).Text()), true
	}
	return "", false
}

// whOwner returns the handler a verification call belongs to: its
// function, or the function around it when it sits in a transaction or
// lock callback.
func whOwner(f *sem.File, call syntax.Node) *sem.Func {
	fn := f.FuncAt(call)
	for fn != nil && fn.Outer != nil {
		cb := sem.CallbackOf(fn.Node)
		if cb.IsNil() || !models.IsTransactionCall(cb) && !models.IsLockScopeCall(cb) {
			break
		}
		fn = fn.Outer
	}
	return fn
}

// whReturnsVerified reports whether fn is a verification helper: it
// returns the verified event (return stripe.webhooks.constructEvent(...),
// or a variable assigned from it) and has nothing else to do.
func whReturnsVerified(fn *sem.Func, call syntax.Node) bool {
	for _, r := range fn.Returns {
		r = r.Unparen()
		if r.Is(syntax.KAwaitExpression) {
			r = r.NamedChild(0).Unparen()
		}
		if r == call {
			return true
		}
		if r.Is(syntax.KIdentifier) && r.Text() == lkResultName(call) {
			return true
		}
	}
	return false
}

// whResultBinding returns the variable the verified event is stored in:
// const event = stripe.webhooks.constructEvent(...), or event = ... for a
// variable declared earlier.
func whResultBinding(f *sem.File, call syntax.Node) *sem.Binding {
	p := call.Parent()
	for p.Is(syntax.KAwaitExpression, syntax.KParenthesizedExpression, syntax.KAsExpression) {
		p = p.Parent()
	}
	switch {
	case p.Is(syntax.KVariableDeclarator):
		if n := p.Child(syntax.FName); n.Is(syntax.KIdentifier) {
			return f.Resolve(n)
		}
	case p.Is(syntax.KAssignmentExpression):
		if l := p.Child(syntax.FLeft); l.Is(syntax.KIdentifier) {
			return f.Resolve(l)
		}
	}
	return nil
}

// whEffect is a side effect a redelivery would repeat.
type whEffect struct {
	call syntax.Node
	desc string
	// inner is the effect itself when call is a project helper that has
	// it (in file innerFile), or no node.
	inner     syntax.Node
	innerFile *sem.File
}

// whSite is where an effect happens.
type whSite struct {
	f    *sem.File
	call syntax.Node
}

// whEffects lists the side effects of a handler in source order: inserts,
// relative updates, calls of project helpers that have such effects, and
// awaited calls racecheck cannot see into (other than reads, logging and
// the response). With claims set, effects that run only after a
// successful atomic claim are left out (the claim deduplicates them).
func whEffects(f *sem.File, h whHandler, claims bool) []whEffect {
	var out []whEffect
	memo := map[*sem.Func]*whSite{}
	h.fn.Body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) || n == h.at {
			return true
		}
		if verified := !h.at.Contains(h.fn.Node); verified && n.Start() < h.at.End() {
			// Before the signature is verified: parsing and setup, not the
			// handling of the event.
			return !h.at.Contains(n)
		}
		if models.IsTransactionCall(n) || models.IsLockScopeCall(n) {
			return true // the wrapper itself; its callback is walked
		}
		if site := whEffectCall(f, n, h, memo, 0, claims); site != nil {
			e := whEffect{call: n, desc: n.Child(syntax.FFunction).Text() + "(...)"}
			if site.call != n {
				e.inner, e.innerFile = site.call, site.f
			}
			out = append(out, e)
		}
		return true
	})
	return out
}

// whPure are receivers and functions with no effect on shared state.
var whPure = map[string]bool{
	"JSON": true, "Object": true, "Array": true, "Math": true, "Promise": true, "Buffer": true,
	"String": true, "Number": true, "Boolean": true, "Date": true, "parseInt": true, "parseFloat": true,
	"URL": true, "URLSearchParams": true, "crypto": true, "path": true, "util": true, "headers": true,
}

// whPureMethods are methods that read, convert or build values.
var whPureMethods = map[string]bool{
	"toString": true, "slice": true, "map": true, "filter": true, "find": true, "includes": true,
	"push": true, "split": true, "trim": true, "keys": true, "values": true, "entries": true,
	"has": true, "parse": true, "stringify": true, "format": true, "log": true, "debug": true,
	"info": true, "warn": true, "error": true, "text": true, "json": true, "arrayBuffer": true,
	"header": true, "status": true, "end": true, "sendStatus": true, "then": true,
	"catch": true, "finally": true, "bind": true, "resolve": true, "startsWith": true, "endsWith": true,
	"toLowerCase": true, "toUpperCase": true, "join": true, "concat": true, "forEach": true, "reduce": true,
	"some": true, "every": true, "assign": true, "setHeader": true, "redirect": true, "write": true,
}

// whEffectCall reports where a call has a side effect a redelivery would
// repeat: the call itself, or, for a project helper, the effect inside it;
// nil when it has none.
func whEffectCall(f *sem.File, call syntax.Node, h whHandler, memo map[*sem.Func]*whSite, depth int, claims bool) *whSite {
	chain, m := models.Callee(call)
	if m == "" || whPureMethods[m] && !whStoreWrite(f, call) {
		return nil
	}
	if len(chain) > 0 && (whPure[chain[0]] || models.LogReceivers[chain[0]] || models.ResponseReceivers[chain[0]] || chain[0] == "this" && len(chain) > 1 && models.LogReceivers[chain[1]]) {
		return nil
	}
	if len(chain) == 0 && (whPure[m] || m == "next" || m == "require" || m == "setTimeout" || m == "buffer" || m == "getRawBody" || m == "rawBody") {
		return nil
	}
	if _, ok := whVerifier(f, call); ok {
		return nil
	}
	if len(chain) > 0 && models.IsEnqueueName(strings.Join(chain, "."), m) || len(chain) == 0 && models.IsEnqueueName("", m) {
		return nil // the worker that takes the job is where it must be deduplicated
	}
	for _, w := range lkSplitWords(m) {
		if models.ResponseWords[w] {
			return nil // builds or sends the response
		}
	}
	if _, part := sem.TryRegion(call); part == sem.InCatch {
		return nil // error handling, not the handling of the event
	}
	if whStateGuarded(f, call, claims) {
		return nil
	}
	if pr := f.Project(); pr != nil && depth < 3 {
		if tf, fn := pr.ResolveCall(f, call); fn != nil && tf != nil {
			if v, ok := memo[fn]; ok {
				return v
			}
			memo[fn] = nil
			var found *whSite
			if !fn.Body.IsNil() {
				fn.Body.Walk(func(n syntax.Node) bool {
					if found != nil {
						return false
					}
					if n.Is(syntax.KCallExpression) {
						found = whEffectCall(tf, n, whHandler{}, memo, depth+1, claims)
					}
					return true
				})
			}
			if found != nil && !fn.Async && !fn.ReturnsPromise {
				// A synchronous helper that returns no promise makes no
				// awaited request: what it calls last is a computation
				// (num.dividedBy(d)), unless it writes a store directly.
				if _, ok := found.f.StoreAccess(found.call); !ok {
					found = nil
				}
			}
			memo[fn] = found
			return found
		}
	}
	if a, ok := f.StoreAccess(call); ok {
		switch {
		case a.Op == models.OpInsert && !a.Atomic, a.Op == models.OpIncr, a.Op == models.OpUpdate && a.Relative:
			return &whSite{f, call}
		}
		return nil
	}
	if !whAwaitedLike(call) || models.Verb(m) == models.Read {
		return nil
	}
	if op, ok := whChainOp(chain); ok && op != models.OpInsert && op != models.OpIncr {
		return nil // a query builder that reads, updates, upserts or deletes
	}
	return &whSite{f, call}
}

// whChainOp reads the operation of a query-builder chain the store model
// does not know (supabase.from("prices").delete().eq("id", id)) from the
// methods in the chain.
func whChainOp(chain []string) (models.Op, bool) {
	for _, c := range chain {
		name, ok := strings.CutSuffix(c, "()")
		if !ok {
			continue
		}
		switch name {
		case "select":
			return models.OpRead, true
		case "update":
			return models.OpUpdate, true
		case "upsert":
			return models.OpUpsert, true
		case "delete", "del", "remove":
			return models.OpDelete, true
		case "insert":
			return models.OpInsert, true
		}
	}
	return models.OpNone, false
}

// whAwaitedLike reports whether a call's promise is awaited or returned,
// directly or as an element of an awaited Promise.all/allSettled (also
// behind &&, || and ?:, and as the result of a map callback given to it).
func whAwaitedLike(call syntax.Node) bool {
	n := call
	for depth := 0; depth < 12; depth++ {
		p := n.Parent()
		switch {
		case p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression, syntax.KArray, syntax.KTernaryExpression, syntax.KSpreadElement):
		case p.Is(syntax.KBinaryExpression) && (p.Operator() == "&&" || p.Operator() == "||" || p.Operator() == "??"):
		case p.Is(syntax.KAwaitExpression, syntax.KReturnStatement):
			return true
		case p.Is(syntax.KArrowFunction) && p.Child(syntax.FBody) == n:
			// items.map((x) => send(x)) inside Promise.all
			cb := sem.CallbackOf(p)
			if m := models.Method(cb); m != "map" && m != "flatMap" {
				return false
			}
			p = cb
		case p.Is(syntax.KArguments):
			if _, st, ok := models.PromiseStaticCall(p.Parent()); !ok || !st.Joins {
				return false
			}
			p = p.Parent()
		default:
			return false
		}
		n = p
	}
	return false
}

// whStoreWrite reports a call the store model classifies as a write.
func whStoreWrite(f *sem.File, call syntax.Node) bool {
	a, ok := f.StoreAccess(call)
	return ok && a.Op != models.OpRead && a.Op != models.OpNone
}

// whEventNames are the usual names of a verified event variable.
var whEventNames = map[string]bool{"event": true, "evt": true, "webhookEvent": true, "stripeEvent": true, "payload": true, "msg": true, "notification": true}

// whUsesEventID reports whether an expression mentions the delivery's
// unique id: event.id (of the verified event), octokit's { id }, a
// variable holding one, or the svix-id / x-github-delivery header.
func whUsesEventID(f *sem.File, e syntax.Node, h whHandler) bool {
	found := false
	e.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KMemberExpression):
			if models.WebhookEventIDProps[n.Child(syntax.FProperty).Text()] && whIsEvent(f, n.Child(syntax.FObject), h) {
				found = true
			}
		case n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
			if b := f.Resolve(n); b != nil && (b == h.id || whIDVar(f, b, h)) {
				found = true
			}
		case n.Is(syntax.KString):
			if s, ok := sem.StringValue(n); ok && models.WebhookEventIDHeaders[strings.ToLower(s)] {
				found = true
			}
		}
		return true
	})
	return found
}

// whIsEvent reports whether an expression is the verified event.
func whIsEvent(f *sem.File, e syntax.Node, h whHandler) bool {
	e = e.Unparen()
	if !e.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(e)
	if h.event != nil {
		return b == h.event
	}
	return whEventNames[e.Text()]
}

// whIDVar reports a variable initialised from the event id:
// const eventId = event.id.
func whIDVar(f *sem.File, b *sem.Binding, h whHandler) bool {
	if b.Init.IsNil() || b.Kind == sem.BParam {
		return false
	}
	if d := b.Decl.Parent(); !d.Is(syntax.KVariableDeclarator) {
		return false
	}
	init := b.Init.Unparen()
	return init.Is(syntax.KMemberExpression) && models.WebhookEventIDProps[init.Child(syntax.FProperty).Text()] && whIsEvent(f, init.Child(syntax.FObject), h)
}

// whStateGuarded reports whether a call runs only after a read of the
// store decided that the work is still to do, which makes a sequential
// redelivery a no-op: the handler checks a "done" state of the record it
// changes (invoice.status === "completed", order.paidAt), creates only what
// a lookup did not find (find-or-create), or acts only when an atomic claim
// (SET NX, INSERT ... ON CONFLICT DO NOTHING) succeeded. The window between
// a read and the write is a check-then-act race, which other rules report.
func whStateGuarded(f *sem.File, call syntax.Node, claims bool) bool {
	for _, g := range f.Guards(call) {
		reads := map[*sem.Binding]bool{}
		claim, direct := false, false
		g.Cond.Walk(func(n syntax.Node) bool {
			if sem.IsFunction(n) {
				return false
			}
			switch {
			case n.Is(syntax.KAwaitExpression):
				if c := n.NamedChild(0).Unparen(); c.Is(syntax.KCallExpression) {
					if a, ok := f.StoreAccess(c); ok {
						if a.Op == models.OpRead {
							direct = true
						} else if a.Atomic {
							claim = true
						}
					}
				}
			case n.Is(syntax.KIdentifier):
				b := f.Resolve(n)
				if b == nil || b.Kind == sem.BParam || b.Kind == sem.BImport || reads[b] {
					return true
				}
				init := whDeclValue(b)
				if init.Is(syntax.KAwaitExpression) {
					init = init.NamedChild(0).Unparen()
				}
				for init.Is(syntax.KMemberExpression, syntax.KSubscriptExpression) {
					init = init.Child(syntax.FObject).Unparen()
				}
				if init.Is(syntax.KCallExpression) {
					if whCreatedFlag(b.Name) {
						claim = true // const { created } = await findOrCreate(...)
						return true
					}
					if a, ok := f.StoreAccess(init); ok {
						if a.Op == models.OpRead {
							reads[b] = true
						} else if a.Atomic && a.Op != models.OpUpsert || a.ConditionalWrite() {
							claim = true // const claim = await x.updateMany({ where: { id, state: null } }); if (claim.count === 0) return
						}
					}
				}
			}
			return true
		})
		switch {
		case claim && claims:
			return true
		case len(reads) == 0 && !direct:
			continue
		case whDoneTest(g.Cond):
			return true
		}
		isUse := func(n syntax.Node) bool {
			n = n.Unparen()
			if n.Is(syntax.KMemberExpression) {
				switch n.Child(syntax.FProperty).Text() {
				case "length", "rowCount", "count", "size":
					n = n.Child(syntax.FObject).Unparen()
				}
			}
			if n.Is(syntax.KAwaitExpression) {
				return true
			}
			if !n.Is(syntax.KIdentifier) {
				return false
			}
			b := f.Resolve(n)
			return b != nil && reads[b]
		}
		want := sem.True
		if g.Negated {
			want = sem.False
		}
		if sem.WhenMissing(g.Cond, isUse) == want {
			return true // created only when the lookup found nothing
		}
	}
	return false
}

// whCreatedFlag reports a name that says a find-or-create made a new
// record: created, wasCreated, inserted, isNew.
func whCreatedFlag(name string) bool {
	for _, w := range lkSplitWords(name) {
		switch w {
		case "created", "inserted", "new", "fresh":
			return true
		}
	}
	return false
}

// whDoneWords are states that say an event's work was already done.
var whDoneWords = map[string]bool{
	"completed": true, "complete": true, "paid": true, "succeeded": true, "processed": true,
	"fulfilled": true, "settled": true, "active": true, "canceled": true, "cancelled": true,
	"refunded": true, "delivered": true, "sent": true, "done": true, "closed": true,
	"shipped": true, "captured": true, "confirmed": true, "handled": true, "finished": true,
}

// whDoneTest reports whether a condition tests for a "work already done"
// state: status === "completed", order.paidAt, invoice.processed.
func whDoneTest(cond syntax.Node) bool {
	found := false
	cond.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) {
			return false
		}
		text := ""
		switch {
		case n.Is(syntax.KString):
			text, _ = sem.StringValue(n)
		case n.Is(syntax.KPropertyIdentifier):
			text = n.Text()
		default:
			return true
		}
		for _, w := range lkSplitWords(text) {
			if whDoneWords[w] {
				found = true
			}
		}
		return true
	})
	return found
}

// whDeclValue returns the initialiser of the declaration a binding comes
// from, also for destructured names (const { rows } = await q gives
// await q).
func whDeclValue(b *sem.Binding) syntax.Node {
	if !b.Init.IsNil() {
		return b.Init.Unparen()
	}
	for d := b.Decl.Parent(); !d.IsNil() && !sem.IsFunction(d); d = d.Parent() {
		if d.Is(syntax.KVariableDeclarator) {
			return d.Child(syntax.FValue).Unparen()
		}
		if d.Is(syntax.KStatementBlock, syntax.KFormalParameters) {
			break
		}
	}
	return syntax.Node{}
}

// whDeduped reports whether a handler deduplicates its deliveries: some
// call other than logging takes the event id (a processed-events insert, a
// SET NX, an isProcessed(id) check, a helper given the event that does
// so), or every side effect runs in a transaction after a read in it that
// can stop it (a state check inside the transaction).
func whDeduped(f *sem.File, h whHandler, effects []whEffect) bool {
	if whTakesEventID(f, h.fn, h, 0) {
		return true
	}
	for _, e := range effects {
		tx, ok := f.TransactionAt(e.call)
		if !ok {
			return false
		}
		if !whReadBefore(f, tx, e.call) {
			return false
		}
	}
	return true
}

// whTakesEventID reports whether a call in fn (or in a project helper fn
// passes the event to) takes the event id.
func whTakesEventID(f *sem.File, fn *sem.Func, h whHandler, depth int) bool {
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || !n.Is(syntax.KCallExpression) || n == h.at {
			return !found
		}
		chain, _ := models.Callee(n)
		if len(chain) > 0 && (models.LogReceivers[chain[0]] || chain[0] == "this" && len(chain) > 1 && models.LogReceivers[chain[1]]) {
			return true
		}
		args := models.Args(n)
		for _, a := range args {
			if whUsesEventID(f, a, h) {
				found = true
				return false
			}
		}
		// A helper given the whole event: look inside it.
		if depth < 2 && h.event != nil {
			for i, a := range args {
				if a.Unparen().Is(syntax.KIdentifier) && f.Resolve(a.Unparen()) == h.event {
					if pr := f.Project(); pr != nil {
						if tf, target := pr.ResolveCall(f, n); target != nil && tf != nil && !target.Body.IsNil() {
							if name := target.ParamName(i); name != "" {
								var ev *sem.Binding
								for _, pn := range target.Params() {
									pn.Walk(func(x syntax.Node) bool {
										if ev == nil && x.Is(syntax.KIdentifier) && x.Text() == name {
											ev = tf.Resolve(x)
										}
										return ev == nil
									})
								}
								if ev != nil && whTakesEventID(tf, target, whHandler{event: ev, fn: target}, depth+1) {
									found = true
									return false
								}
							}
						}
					}
				}
			}
		}
		return true
	})
	return found
}

// whReadBefore reports whether the transaction callback of tx reads from a
// store before n.
func whReadBefore(f *sem.File, tx, n syntax.Node) bool {
	cb, ok := models.HasFunctionArg(tx)
	if !ok {
		return false
	}
	found := false
	cb.Walk(func(c syntax.Node) bool {
		if found || c.Start() >= n.Start() {
			return false
		}
		if c.Is(syntax.KCallExpression) && idemAwaited(c) {
			if a, ok := f.StoreAccess(c); ok && a.Op == models.OpRead {
				found = true
			}
		}
		return true
	})
	return found
}
