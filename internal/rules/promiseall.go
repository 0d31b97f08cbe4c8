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
		ID:       "unguarded-promise-all",
		Severity: analysis.Medium,
		Title:    "Promise.all over mutations outside a transaction, or over operations that depend on each other",
		Fix:      "Run the writes in one transaction (db.transaction(async (tx) => Promise.all(...))), or use Promise.allSettled and handle the ones that failed.",
		Run:      runPromiseAll,
	})
}

// allOp is one operation a Promise.all waits for.
type allOp struct {
	node     syntax.Node // the element, or the callback of a map
	mutation syntax.Node // the mutating call it makes, or no node
	batch    bool        // one operation per element of a collection
	// alt is set, the same for each, on promises pushed into an array by
	// pushes of which one run makes at most one (the cases of a switch):
	// only one of them is ever in the array.
	alt int
}

func runPromiseAll(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || f.Browser() {
		return // browser code calls remote APIs: it cannot hold a transaction
	}
	rej := sem.NewRejections()
	f.EachCall(func(n syntax.Node) bool {
		if m, _, ok := models.PromiseStaticCall(n); !ok || m != "all" {
			return true
		}
		if dependentAll(p, n) {
			return true
		}
		if fn := f.FuncAt(n); fn != nil && f.NeverOverlaps(fn) {
			return true // a seed or start-up step: run again, not raced
		}
		args := models.Args(n)
		if len(args) == 0 || inTransaction(f, n) {
			return true
		}
		ops := promiseAllOps(p, n, args[0])
		var muts []allOp
		batch := false
		for _, o := range ops {
			if o.mutation.IsNil() {
				continue
			}
			if txHandled(f, o.mutation) || carriesTransaction(f, n, o.mutation) {
				return true
			}
			if cannotReject(p, rej, o) {
				continue // errors handled per element: Promise.all waits for all
			}
			muts = append(muts, o)
			batch = batch || o.batch
		}
		if len(muts) == 0 || writesAtOnce(muts) == 1 && !batch || onlyIdempotent(p, muts) || !partOfUnit(p, n, muts) || calledInTransaction(p.Project, f, n, 0) {
			return true
		}
		var names []string
		var related []analysis.Related
		seen := map[string]bool{}
		for _, o := range muts {
			name := callShort(o.mutation)
			if !o.mutation.Is(syntax.KCallExpression) {
				name = strings.Join(strings.Fields(o.mutation.Text()), "") + "(...)"
			}
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
				related = append(related, p.At(o.mutation, "a write Promise.all starts"))
				var inner analysis.Related
				if o.mutation.Is(syntax.KCallExpression) && isMutationCall(p, o.mutation, &inner) && inner.File != "" {
					related = append(related, inner)
				}
			}
		}
		what := joinCalls(names)
		if len(names) == 1 {
			what = names[0] + " for every element"
		}
		p.Report(n, fmt.Sprintf("Promise.all runs %s outside a transaction: when one rejects, Promise.all rejects at once while the other writes have run or are still running, and nothing undoes them, so the data is left half updated", what), "", related...)
		return true
	})
}

// onlyIdempotent reports whether every write sets or deletes a value: a
// batch of them that fails half way is completed by running it again. A
// project function is judged by the writes its body makes.
func onlyIdempotent(p *analysis.Pass, muts []allOp) bool {
	for _, o := range muts {
		if m := models.Method(o.mutation); o.mutation.Is(syntax.KCallExpression) && models.IsIdempotentMutation(m) {
			continue
		}
		if o.mutation.Is(syntax.KCallExpression) && movesOutOfFilter(p.File, o.mutation) {
			continue
		}
		if o.mutation.Is(syntax.KCallExpression) && p.Project != nil {
			if tf, fn := p.Project.ResolveCall(p.File, o.mutation); fn != nil {
				if !bodyIdempotent(p.Project, tf, fn, 0) {
					return false
				}
				continue
			}
		}
		name := o.mutation.Text()
		if o.mutation.Is(syntax.KCallExpression) {
			name = models.Method(o.mutation)
		} else if o.mutation.Is(syntax.KMemberExpression) {
			name = o.mutation.Child(syntax.FProperty).Text()
		}
		if !models.IsIdempotentMutation(name) && !sem.ConstantWrite(o.mutation) {
			return false
		}
	}
	return true
}

// promiseAllOps lists what Promise.all(arg) waits for: the elements of an
// array literal (spread elements followed), the callbacks of
// items.map(cb), and the promises pushed into a local array.
func promiseAllOps(p *analysis.Pass, call, arg syntax.Node) []allOp {
	var ops []allOp
	alts := 0
	var add func(e syntax.Node, batch bool, depth int)
	add = func(e syntax.Node, batch bool, depth int) {
		e = e.Unparen()
		if depth > 3 {
			return
		}
		switch {
		case e.Is(syntax.KArray):
			for _, el := range e.NamedChildren() {
				if el.Is(syntax.KComment) {
					continue
				}
				if el.Is(syntax.KSpreadElement) {
					add(el.NamedChild(0), true, depth+1)
					continue
				}
				if arrayValue(p.File, el) {
					continue // an array, not a promise: Promise.all does not wait for what is in it
				}
				add(el, batch, depth+1)
			}
		case e.Is(syntax.KCallExpression) && sem.IsMapCall(e):
			cb := models.Args(e)[len(models.Args(e))-1].Unparen()
			if sem.IsFunction(cb) {
				ops = append(ops, allOp{node: cb, mutation: callbackMutation(p, cb), batch: true})
			} else if cb.Is(syntax.KIdentifier, syntax.KMemberExpression) {
				// items.map(updateItem)
				ops = append(ops, allOp{node: cb, mutation: namedMutation(p, cb), batch: true})
			}
		case e.Is(syntax.KIdentifier):
			b := p.File.Resolve(e)
			if b == nil || b.ModuleLevel() {
				return
			}
			if b.Kind == sem.BConst || b.Kind == sem.BLet || b.Kind == sem.BVar {
				if init := b.Init; !init.IsNil() && init != b.Decl && b.Decl.Parent().Is(syntax.KVariableDeclarator) {
					add(init, batch, depth+1)
				}
				pushed, single := pushedInto(p.File, b, call)
				alt := 0
				if single {
					alts++
					alt = alts
				}
				for _, x := range pushed {
					n := len(ops)
					add(x, !single, depth+1)
					for i := n; i < len(ops); i++ {
						if ops[i].alt == 0 {
							ops[i].alt = alt
						}
					}
				}
			}
		default:
			if m := opMutation(p, e); !m.IsNil() {
				ops = append(ops, allOp{node: e, mutation: m, batch: batch})
			} else {
				ops = append(ops, allOp{node: e, batch: batch})
			}
		}
	}
	add(arg, false, 0)
	return ops
}

// arrayValue reports an element of Promise.all's array that is itself an
// array: a map call, an array literal, or a local constant holding one
// (Promise.all([counts, update]) with counts = ids.map(decrement)).
// Promise.all takes it as a value and does not wait for the promises in it.
func arrayValue(f *sem.File, el syntax.Node) bool {
	e := el.Unparen()
	if e.Is(syntax.KIdentifier) {
		b := f.Resolve(e)
		if b == nil || b.Kind != sem.BConst || b.Init.IsNil() || !b.Decl.Parent().Is(syntax.KVariableDeclarator) {
			return false
		}
		e = b.Init.Unparen()
	}
	return e.Is(syntax.KArray) || e.Is(syntax.KCallExpression) && sem.IsMapCall(e)
}

// writesAtOnce counts the writes of muts that can be in one Promise.all
// together: pushes of which one run makes at most one count once.
func writesAtOnce(muts []allOp) int {
	n := 0
	seen := map[int]bool{}
	for _, o := range muts {
		if o.alt != 0 {
			if seen[o.alt] {
				continue
			}
			seen[o.alt] = true
		}
		n++
	}
	return n
}

// pushedInto returns the values pushed into the local array b before call
// (promises.push(x.update())), and whether one run makes at most one of
// the pushes: none is in a loop, and none reaches another (each case of a
// switch pushes once and breaks, an if pushes in one branch or the other).
func pushedInto(f *sem.File, b *sem.Binding, call syntax.Node) ([]syntax.Node, bool) {
	var out, pushes []syntax.Node
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if n.Start() >= call.Start() {
			return false
		}
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		chain, m := models.Callee(n)
		if m != "push" || len(chain) != 1 || chain[0] != b.Name {
			return true
		}
		recv := models.Receiver(n).Unparen()
		if f.Resolve(recv) != b {
			return true
		}
		out = append(out, models.Args(n)...)
		pushes = append(pushes, n)
		return true
	})
	return out, atMostOne(f, call, pushes)
}

// atMostOne reports whether one run of call's function makes at most one
// of the pushes: each pushes one value, none is in a loop, and none
// reaches another.
func atMostOne(f *sem.File, call syntax.Node, pushes []syntax.Node) bool {
	for i, x := range pushes {
		if fn := f.FuncAt(x); fn == nil || fn != f.FuncAt(call) || fn.InLoop(x) || len(models.Args(x)) != 1 {
			return false
		}
		for _, y := range pushes[i+1:] {
			if sem.Reaches(x, y) {
				return false
			}
		}
	}
	return true
}

// opMutation returns the mutating call an element of Promise.all is, or
// no node: x.update(...), x.update(...).then(...), an async IIFE that
// awaits one.
func opMutation(p *analysis.Pass, e syntax.Node) syntax.Node {
	e = e.Unparen()
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	if !e.Is(syntax.KCallExpression) {
		return syntax.Node{}
	}
	m := models.Method(e)
	switch m {
	case "then", "catch", "finally":
		if r := models.Receiver(e).Unparen(); r.Is(syntax.KCallExpression) {
			return opMutation(p, r)
		}
		return syntax.Node{}
	}
	if fn := e.Child(syntax.FFunction).Unparen(); sem.IsFunction(fn) {
		return callbackMutation(p, fn)
	}
	if isMutationCall(p, e, nil) {
		return e
	}
	return syntax.Node{}
}

// callbackMutation returns the first mutating call a callback awaits or
// returns in its own body.
func callbackMutation(p *analysis.Pass, cb syntax.Node) syntax.Node {
	fn := p.File.FuncOf(cb)
	if fn == nil {
		return syntax.Node{}
	}
	for _, r := range fn.Returns {
		if m := opMutation(p, r); !m.IsNil() {
			return m
		}
	}
	for _, w := range fn.Awaits {
		if !w.Is(syntax.KAwaitExpression) {
			continue
		}
		if m := opMutation(p, w.NamedChild(0)); !m.IsNil() {
			return m
		}
	}
	return syntax.Node{}
}

// namedMutation handles items.map(updateItem): a function of this file
// passed by name is judged by its body, anything else by its name.
func namedMutation(p *analysis.Pass, fnExpr syntax.Node) syntax.Node {
	if fnExpr.Is(syntax.KIdentifier) {
		if b := p.File.Resolve(fnExpr); b != nil && b.Import == nil {
			v := b.Init.Unparen()
			if fn := p.File.FuncOf(v); fn != nil && p.Project != nil {
				if !fn.ReturnsPromise {
					return syntax.Node{}
				}
				if wf, _ := bodyMutates(p.Project, p.File, fn, 0); wf != nil {
					return fnExpr
				}
				return syntax.Node{}
			}
		}
	}
	name := fnExpr.Text()
	if fnExpr.Is(syntax.KMemberExpression) {
		name = fnExpr.Child(syntax.FProperty).Text()
	}
	if models.IsMutation(name) && !telemetryName(name) {
		return fnExpr
	}
	return syntax.Node{}
}

// telemetryWords mark writes of statistics, metrics and presence: a
// counter that misses one update leaves no record inconsistent.
// Test doubles and mock builders create objects in memory.
var telemetryWords = map[string]bool{
	"analytics": true, "metrics": true, "metric": true, "stats": true, "statsd": true,
	"telemetry": true, "presence": true, "online": true, "heartbeat": true,
	"mock": true, "mocks": true, "fake": true, "stub": true,
}

func telemetryName(name string) bool {
	for _, w := range models.Words(name) {
		if telemetryWords[w] {
			return true
		}
	}
	return false
}

// isMutationCall reports whether a call changes external state. A project
// function is judged by the calls its body makes (createVendureJob(job)
// that only builds an object is not a write); anything else by its name.
// Calls of the file system and of local browser storage are left out:
// they change this machine's files, not shared records.
func isMutationCall(p *analysis.Pass, call syntax.Node, inner *analysis.Related) bool {
	if chain, m := models.Callee(call); notRecordReceiver(p.File, call, chain) || models.IsSchemaChange(chain, m) {
		return false // queryInterface.addColumn(...): no record is written
	}
	if p.Project != nil {
		if tf, fn := p.Project.ResolveCall(p.File, call); fn != nil {
			if models.Verb(fn.Name) == models.Read && !models.IsMutation(fn.Name) {
				return false // getSchedulerData: a read, whatever it tidies up
			}
			if !fn.ReturnsPromise {
				return false
			}
			wf, w := bodyMutates(p.Project, tf, fn, 0)
			if wf != nil && inner != nil {
				*inner = analysis.RelatedAt(wf, w, "the write it makes")
			}
			return wf != nil
		}
	}
	return mutationByName(p.File, call)
}

// mutationByName judges a call by its method name and receiver. A call of
// a remote API (fetch, axios, client.post) is left out: it cannot join a
// database transaction, so the rule's fix does not apply to it; nor can a
// message broker's call (amqplib's createChannel, publish). So are a
// held resource given back (runner.release(), with nothing named to
// release) and String.prototype.replace.
func mutationByName(f *sem.File, call syntax.Node) bool {
	if spec := f.ImportSpecOf(call); models.LocalStoreModules[spec] || models.ComputeModule(spec) || remoteWrite(f, call) || models.MessagingModule(f.ReceiverModule(call)) {
		return false
	}
	chain, m := models.Callee(call)
	args := models.Args(call)
	if m == "release" && len(args) == 0 {
		return false
	}
	if (m == "replace" || m == "replaceAll") && len(args) == 2 {
		if a := args[0].Unparen(); a.Is(syntax.KRegex, syntax.KString, syntax.KTemplateString) {
			return false // text.replace(/x/g, "")
		}
	}
	if len(chain) > 0 && (chain[0] == "fs" || chain[0] == "fsp" || chain[0] == "fse") {
		return false
	}
	if len(chain) == 1 && builtinObjects[chain[0]] {
		return false // Object.assign, Array.prototype...: in memory
	}
	if notRecordReceiver(f, call, chain) || telemetryName(m) {
		return false
	}
	return models.IsMutation(m)
}

// notRecordReceiver reports a call made on a cache, a queue or a
// telemetry client (by its receiver's name, or, for super.m(), by the
// class's): a cache is not the record of truth, an enqueue hands work on,
// and metrics are best effort.
func notRecordReceiver(f *sem.File, call syntax.Node, chain []string) bool {
	names := chain
	if len(chain) == 1 && chain[0] == "super" {
		if fn := f.FuncAt(call); fn != nil && !fn.Class.IsNil() {
			names = []string{fn.Class.Child(syntax.FName).Text()}
		}
	}
	for _, c := range names {
		for _, w := range models.Words(c) {
			if w == "cache" || w == "queue" || w == "queues" {
				return true
			}
		}
		if telemetryName(c) {
			return true
		}
	}
	return false
}

var builtinObjects = map[string]bool{
	"Object": true, "Array": true, "Math": true, "JSON": true, "Reflect": true, "Promise": true,
	"Number": true, "String": true, "Date": true, "console": true,
}

// awaitedOrReturnedCalls lists the calls a function's own body awaits or
// returns.
func awaitedOrReturnedCalls(fn *sem.Func) []syntax.Node {
	var calls []syntax.Node
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) {
			calls = append(calls, promisedCall(w.NamedChild(0)))
		}
	}
	for _, r := range fn.Returns {
		calls = append(calls, promisedCall(r))
	}
	return calls
}

// bodyMutates reports whether a project function awaits or returns a
// mutating call in its own body (following project helpers two levels
// down). Calls neither awaited nor returned (map.set, list.add) are
// in-memory work.
func bodyMutates(proj *sem.Project, f *sem.File, fn *sem.Func, depth int) (*sem.File, syntax.Node) {
	calls := awaitedOrReturnedCalls(fn)
	for i := 0; i < len(calls); i++ {
		c := calls[i]
		if c.IsNil() {
			continue
		}
		if inner := joinedCalls(f, c); inner != nil {
			calls = append(calls, inner...) // await Promise.all(ids.map((id) => repo.add(id)))
			continue
		}
		if tf, tfn := proj.ResolveCall(f, c); tfn != nil {
			if tfn != fn && depth < 2 {
				if wf, w := bodyMutates(proj, tf, tfn, depth+1); wf != nil {
					return wf, w
				}
			}
			continue
		}
		if mutationByName(f, c) {
			return f, c
		}
	}
	return nil, syntax.Node{}
}

// promisedCall returns the call whose promise an expression is, looking
// through await and .then/.catch/.finally, or no node.
func promisedCall(e syntax.Node) syntax.Node {
	e = e.Unparen()
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	for e.Is(syntax.KCallExpression) {
		m := models.Method(e)
		if m != "then" && m != "catch" && m != "finally" {
			return e
		}
		e = models.Receiver(e).Unparen()
	}
	return syntax.Node{}
}

// txHandled reports whether a mutating call runs in a transaction the
// caller handed in: it is made through a transaction handle
// (tx.product.update, manager.save, .transacting(trx)), or given one
// ({ transaction: t }, { session }, trx).
func txHandled(f *sem.File, call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	chain, _ := models.Callee(call)
	for _, c := range chain {
		if models.TransactionHandleNames[strings.TrimSuffix(c, "()")] {
			return true
		}
	}
	if len(chain) > 0 {
		if key := models.RequestTransactionOption(chain[len(chain)-1]); key != "" {
			for _, a := range models.Args(call) {
				if a = a.Unparen(); a.Is(syntax.KObject) && !models.ObjectProp(a, key).IsNil() {
					return true // payload.update({ ..., req }): the request's transaction
				}
			}
		}
	}
	found := false
	visit := func(n syntax.Node) bool {
		if found || sem.IsFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
			found = models.TransactionHandleNames[n.Text()]
		case n.Is(syntax.KPropertyIdentifier) && n.Field() == syntax.FKey:
			found = models.TransactionHandleNames[n.Text()] // { transaction: t }
		}
		return true
	}
	call.Walk(visit)
	for _, a := range models.Args(call) {
		// save(opts) with const opts = { ...defaults, transaction: options.transaction }
		if a = a.Unparen(); !found && a.Is(syntax.KIdentifier) {
			if b := f.Resolve(a); b != nil && b.Kind == sem.BConst && b.Import == nil {
				b.Value().Walk(visit)
				a = b.Value().Unparen()
			}
		}
		found = found || forwardsCallerTransaction(f, a)
	}
	return found
}

// forwardsCallerTransaction reports an options object that spreads an
// options parameter of an enclosing function ({ ...options, where }) when
// that function reads a transaction handle from the parameter elsewhere
// (options.transaction): the write runs in whatever transaction the
// caller gave, and atomicity is the caller's to choose.
func forwardsCallerTransaction(f *sem.File, obj syntax.Node) bool {
	if !obj.Is(syntax.KObject) {
		return false
	}
	for _, c := range obj.NamedChildren() {
		if !c.Is(syntax.KSpreadElement) {
			continue
		}
		id := c.NamedChild(0).Unparen()
		if !id.Is(syntax.KIdentifier) {
			continue
		}
		b := f.Resolve(id)
		if b == nil || b.Kind != sem.BParam {
			continue
		}
		fn := f.FuncAt(b.Decl)
		if fn == nil {
			continue
		}
		reads := false
		fn.Body.Walk(func(n syntax.Node) bool {
			if reads {
				return false
			}
			if n.Is(syntax.KMemberExpression) && models.TransactionHandleNames[n.Child(syntax.FProperty).Text()] {
				if o := n.Child(syntax.FObject).Unparen(); o.Is(syntax.KIdentifier) && f.Resolve(o) == b {
					reads = true
				}
			}
			return true
		})
		if reads {
			return true
		}
	}
	return false
}

// cannotReject reports an operation whose errors are handled where it is
// made: a callback whose body catches them or whose promise cannot reject
// (every await of it is of a promise that cannot: await
// Model.create(...).catch(log)), a .catch in the element's chain, or a
// project function that handles its own errors.
func cannotReject(p *analysis.Pass, rej *sem.Rejections, o allOp) bool {
	n := o.node.Unparen()
	if sem.IsFunction(n) {
		if fn := p.File.FuncOf(n); sem.HandlesOwnErrors(fn) || fn != nil && fn.Async && !rej.FuncRejects(p.File, fn) {
			return true
		}
	} else if n.Is(syntax.KIdentifier, syntax.KMemberExpression) && p.Project != nil {
		if _, fn := p.Project.ResolveValue(p.File, n); sem.HandlesOwnErrors(fn) {
			return true
		}
	}
	for e := n; e.Is(syntax.KCallExpression); e = models.Receiver(e).Unparen() {
		m := models.Method(e)
		if m == "catch" || m == "then" && len(models.Args(e)) >= 2 {
			return true
		}
		if m != "then" && m != "finally" {
			break
		}
	}
	if o.mutation.Is(syntax.KCallExpression) && p.Project != nil {
		if _, fn := p.Project.ResolveCall(p.File, o.mutation); sem.HandlesOwnErrors(fn) {
			return true
		}
	}
	return false
}

// carriesTransaction reports a write given an object that a
// transaction-begin call received earlier in the same function
// (initTransaction(req) ... payload.update({ req })): the object carries
// the transaction to every call it is passed to.
func carriesTransaction(f *sem.File, all, mutation syntax.Node) bool {
	fn := f.FuncAt(all)
	if fn == nil || !mutation.Is(syntax.KCallExpression) {
		return false
	}
	carriers := map[*sem.Binding]bool{}
	fn.Body.Walk(func(n syntax.Node) bool {
		if n.Start() >= all.Start() {
			return false
		}
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		m := models.Method(n)
		if !hasWord(m, "transaction") {
			return true
		}
		for _, a := range models.Args(n) {
			if a = a.Unparen(); a.Is(syntax.KIdentifier) {
				if b := f.Resolve(a); b != nil {
					carriers[b] = true
				}
			}
		}
		return true
	})
	if len(carriers) == 0 {
		return false
	}
	found := false
	models.Args(mutation)
	for _, a := range models.Args(mutation) {
		a.Walk(func(n syntax.Node) bool {
			if found || sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
				found = carriers[f.Resolve(n)]
			}
			return true
		})
	}
	return found
}

// hasWord reports whether an identifier contains the word w.
func hasWord(name, w string) bool {
	for _, x := range models.Words(name) {
		if x == w {
			return true
		}
	}
	return false
}

// remoteWrite reports a call of a remote HTTP API.
func remoteWrite(f *sem.File, call syntax.Node) bool {
	if a, ok := f.Classify(call); ok && a.Kind == models.StoreHTTP {
		return true
	}
	chain, m := models.Callee(call)
	return len(chain) > 0 && models.IsHTTPWriteMethod(m)
}

// bodyIdempotent reports whether every write a project function awaits or
// returns (through helpers two levels down) sets, upserts or deletes, or
// inserts only what its lookup did not find, so running the function again
// converges.
func bodyIdempotent(proj *sem.Project, f *sem.File, fn *sem.Func, depth int) bool {
	calls := awaitedOrReturnedCalls(fn)
	writes := 0
	for _, c := range calls {
		if c.IsNil() {
			continue
		}
		if tf, tfn := proj.ResolveCall(f, c); tfn != nil {
			if tfn != fn && depth < 2 {
				if wf, _ := bodyMutates(proj, tf, tfn, depth+1); wf != nil {
					writes++
					if !bodyIdempotent(proj, tf, tfn, depth+1) {
						return false
					}
				}
			}
			continue
		}
		if !mutationByName(f, c) {
			continue
		}
		writes++
		m := models.Method(c)
		if !models.IsIdempotentMutation(m) && !sem.ConstantWrite(c) && !createsWhenLookupMisses(f, fn, c) {
			return false
		}
	}
	return writes > 0
}

// createsWhenLookupMisses reports an insert that fn makes only when its
// lookup of the same record found nothing (a find-or-create): run again,
// the lookup finds what the first run made, so a half-finished batch of
// such calls is completed by running it again. Whether two runs can race
// on the insert is find-or-create-race's concern.
func createsWhenLookupMisses(f *sem.File, fn *sem.Func, call syntax.Node) bool {
	acc := f.Accesses(fn)
	for wi := range acc {
		w := &acc[wi]
		if w.Call != call || w.Op != models.OpInsert {
			continue
		}
		for ri := range acc {
			r := &acc[ri]
			if r.Op != models.OpRead || r.Call.End() > w.Call.Start() {
				continue
			}
			if _, ok := f.CreatesWhenMissing(fn, r, w); ok {
				return true
			}
		}
	}
	return false
}

// partOfUnit reports whether a half-finished batch leaves data that a
// retry cannot repair: the batch runs different writes that belong
// together (decrement the stock, insert the order, capture the payment),
// a write that is relative to the current value (an increment, a price
// computed from the old price), or it is one step of a change the same
// function makes with other writes before or after it (the parent record
// created first, the items then; the items saved, then the cursor moved).
// The same independent write per element and nothing else (an audit row,
// a notification per recipient) leaves, when one fails, the others done
// and correct on their own.
func partOfUnit(p *analysis.Pass, all syntax.Node, muts []allOp) bool {
	names := map[string]bool{}
	for _, o := range muts {
		name := o.mutation.Text()
		if o.mutation.Is(syntax.KCallExpression) {
			name = callShort(o.mutation)
			if p.File.RelativeWrite(o.mutation) {
				return true
			}
		}
		names[name] = true
	}
	if len(names) > 1 {
		return true
	}
	return !companionWrite(p, all).IsNil()
}

// companionWrite returns another write the function around a Promise.all
// awaits, before or after it, or no node.
func companionWrite(p *analysis.Pass, all syntax.Node) syntax.Node {
	fn := p.File.FuncAt(all)
	for fn != nil && fn.Name == "" && fn.Outer != nil && !fn.Async {
		fn = fn.Outer
	}
	if fn == nil {
		return syntax.Node{}
	}
	for _, c := range awaitedOrReturnedCalls(fn) {
		if c.IsNil() || c.Start() >= all.Start() && c.End() <= all.End() {
			continue
		}
		if p.File.FuncAt(c) != fn {
			continue
		}
		if isMutationCall(p, c, nil) {
			return c
		}
	}
	// A helper that is only the batch (removeFromStrategy(ids)): the
	// other writes of the change are its callers' (remove, then add).
	if p.Project == nil || fn.Name == "" {
		return syntax.Node{}
	}
	for _, site := range p.Project.CallSites(p.File, fn) {
		caller := site.File.FuncAt(site.Call)
		if caller == nil {
			continue
		}
		for _, c := range awaitedOrReturnedCalls(caller) {
			if c.IsNil() || c == site.Call || site.File.FuncAt(c) != caller {
				continue
			}
			if callMutates(p.Project, site.File, c) {
				return site.Call
			}
		}
	}
	return syntax.Node{}
}

// callMutates reports whether a call in file f changes external state: a
// project function whose body writes, or a call named as a write.
func callMutates(proj *sem.Project, f *sem.File, c syntax.Node) bool {
	if tf, fn := proj.ResolveCall(f, c); fn != nil {
		if !fn.ReturnsPromise {
			return false
		}
		wf, _ := bodyMutates(proj, tf, fn, 0)
		return wf != nil
	}
	return mutationByName(f, c)
}

// joinedCalls returns the calls whose promises Promise.all (allSettled,
// race, any) joins: the elements of an array literal, and what the
// callback of items.map(cb) awaits or returns; nil for any other call.
func joinedCalls(f *sem.File, c syntax.Node) []syntax.Node {
	if _, st, ok := models.PromiseStaticCall(c); !ok || !st.Joins {
		return nil
	}
	args := models.Args(c)
	if len(args) == 0 {
		return []syntax.Node{}
	}
	a := args[0].Unparen()
	out := []syntax.Node{}
	switch {
	case a.Is(syntax.KArray):
		for _, el := range a.NamedChildren() {
			if pc := promisedCall(el); !pc.IsNil() {
				out = append(out, pc)
			}
		}
	case a.Is(syntax.KCallExpression) && sem.IsMapCall(a):
		margs := models.Args(a)
		if cb := f.FuncOf(margs[len(margs)-1].Unparen()); cb != nil {
			out = append(out, awaitedOrReturnedCalls(cb)...)
		}
	}
	return out
}

// movesOutOfFilter reports an update that changes a field its filter
// selects on (updateMany({ where: { partnerId: from }, data: { partnerId:
// to } }), status "banned" to "active"): run again, it finds only the rows
// the first run did not reach, so a half-finished batch is completed by
// running it again.
func movesOutOfFilter(f *sem.File, call syntax.Node) bool {
	a, ok := f.Classify(call)
	if !ok || a.Op != models.OpUpdate || a.Relative {
		return false
	}
	for _, w := range a.Where {
		for _, d := range a.Data {
			if w.Name != "" && sem.NormName(w.Name) == sem.NormName(d.Name) && !d.Relative {
				return true
			}
		}
	}
	return false
}
