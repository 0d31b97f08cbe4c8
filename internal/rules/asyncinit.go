package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "async-init-race",
		Severity: analysis.Medium,
		Title:    "lazy initialisation of a single slot assigned after an await, guarded only by a check that it is unset",
		Fix:      "Store the promise, not its result (this.clientPromise ??= createClient()), so concurrent callers share one initialisation; clear it if it rejects.",
		// A single slot filled after an await is this rule's; keyed caches
		// and read-modify-write stay with shared-state-across-await.
		Overrides: []string{"shared-state-across-await"},
		Run:       runAsyncInit,
	})
}

func runAsyncInit(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	for _, fn := range f.Funcs {
		checkEarlyAnswer(p, fn)
	}
	ai := &asyncInit{p: p, flows: map[*sem.Func]*sem.Flow{}}
	f.Root().EachOf(func(n syntax.Node) bool {
		fn := f.FuncAt(n)
		if fn == nil {
			return true
		}
		slot, ok := sem.SharedSlot(f, fn, n.Child(syntax.FLeft), true)
		if !ok {
			return true
		}
		if _, locked := f.LockAt(n); locked {
			return true
		}
		if f.NeverOverlaps(fn) {
			return true // no second call can find the slot unset meanwhile
		}
		if fn.Async && len(fn.Awaits) > 0 {
			ai.check(n, slot)
		} else if n.Is(syntax.KAssignmentExpression) {
			ai.checkThen(n, slot)
		}
		return true
	}, syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression)
}

// asyncInit holds one file's analysis state for async-init-race.
type asyncInit struct {
	p     *analysis.Pass
	flows map[*sem.Func]*sem.Flow
	calls map[*sem.Func][]syntax.Node // calls of the file's functions, by callee
}

func (ai *asyncInit) flow(fn *sem.Func) *sem.Flow {
	fl := ai.flows[fn]
	if fl == nil {
		fl = sem.NewFlow(ai.p.File, fn)
		ai.flows[fn] = fl
	}
	return fl
}

// check looks at one assignment of a shared slot in an async function:
// guarded in the same function by a test that the slot is unset, or made
// by a helper that a guarded caller runs.
func (ai *asyncInit) check(write syntax.Node, slot sem.StateRef) {
	f := ai.p.File
	fl := ai.flow(f.FuncAt(write))
	var check syntax.Node
	switch {
	case write.Is(syntax.KAugmentedAssignmentExpression):
		switch write.Operator() {
		case "??=", "||=":
			check = write.Child(syntax.FLeft) // x ??= await f(): the operator is the check
		default:
			return
		}
	default:
		check = unsetGuard(fl, write, slot)
	}
	if !check.IsNil() {
		ai.report(fl, write, slot, check, syntax.Node{})
		return
	}
	// The slot is tested by a caller in this file that then runs the
	// function making this write: the test and the write are as far apart
	// as the awaits before the write.
	if len(sem.AwaitsWithin(fl.Fn, fl.Fn.Node.Start(), write.Start())) == 0 || guardedByState(fl, write) {
		return
	}
	for _, call := range ai.callsOf(fl.Fn) {
		caller := f.FuncAt(call)
		if caller == nil || caller == fl.Fn {
			continue
		}
		cs, ok := sem.SharedSlot(f, caller, slot.Node, true)
		if !ok || !cs.Same(slot) {
			continue
		}
		cfl := ai.flow(caller)
		if storedPromise(f, caller, call) {
			continue // the caller memoises the promise of the call
		}
		if c := unsetGuard(cfl, call, cs); !c.IsNil() && !singleFlight(cfl, c, call) {
			ai.report(fl, write, slot, c, call)
			return
		}
	}
}

// unsetGuard returns the condition that lets n run only while slot is
// unset: if (!x) { n }, if (x) return; n.
func unsetGuard(fl *sem.Flow, n syntax.Node, slot sem.StateRef) syntax.Node {
	for _, g := range fl.F.Guards(n) {
		if g.Kind == sem.GuardTry {
			continue
		}
		if present, ok := sem.SlotTest(fl, g.Cond, slot); ok && present == g.Negated {
			return g.Cond
		}
	}
	return syntax.Node{}
}

// guardedByState reports whether some condition on shared state decides
// whether write runs: a single-flight flag (if (this.refreshing) return),
// which the helper's callers rely on.
func guardedByState(fl *sem.Flow, write syntax.Node) bool {
	for _, g := range fl.F.Guards(write) {
		if g.Kind == sem.GuardTry {
			continue
		}
		found := false
		g.Cond.Walk(func(n syntax.Node) bool {
			if found || sem.IsFunction(n) {
				return false
			}
			if _, ok := sem.SharedSlot(fl.F, fl.Fn, n, false); ok {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// callsOf returns the calls in this file that invoke fn.
func (ai *asyncInit) callsOf(fn *sem.Func) []syntax.Node {
	f := ai.p.File
	proj := f.Project()
	if proj == nil {
		return nil
	}
	if ai.calls == nil {
		ai.calls = map[*sem.Func][]syntax.Node{}
		f.EachCall(func(n syntax.Node) bool {
			if cf, callee := proj.ResolveCall(f, n); cf == f && callee != nil {
				ai.calls[callee] = append(ai.calls[callee], n)
			}
			return true
		})
	}
	return ai.calls[fn]
}

// report checks what lies between the test of the slot and its write
// (via the call of the function making it, when call is set) and reports
// the write when concurrent callers can all pass the test.
func (ai *asyncInit) report(fl *sem.Flow, write syntax.Node, slot sem.StateRef, check, call syntax.Node) {
	p, f, fn := ai.p, fl.F, fl.Fn
	value := write.Child(syntax.FRight)
	from := check.End()
	if !call.IsNil() {
		from = fn.Node.Start()
	}
	ws := sem.AwaitsBefore(fn, from, write.End(), write)
	if len(ws) == 0 {
		return
	}
	// Every caller awaits one shared promise and stores its value: they
	// all store the same thing (this.client = await this.connecting).
	if v := fl.CopyOf(value).Unparen(); v.Is(syntax.KAwaitExpression) && sem.SharedAwait(f, fn, v) {
		return
	}
	if call.IsNil() && singleFlight(fl, check, firstOnPath(ws, write)) {
		return
	}
	// A boolean worked out from what the awaits returned (this.supported =
	// caps.tools === true): racing initialisations store equal values and
	// no object whose identity matters, so the race only repeats a read.
	if sem.IsBooleanValue(fl.CopyOf(value)) {
		return
	}
	// The slot receives the result of awaited work that creates a
	// resource or reaches another service, or an object created after it.
	real := func(n syntax.Node) bool {
		if !n.Is(syntax.KAwaitExpression) || sem.SharedAwait(f, fn, n) {
			return false
		}
		for _, w := range ws {
			if w == n {
				return true
			}
		}
		return false
	}
	src := fl.Source(value, real)
	if !src.IsNil() && !createsResource(fl, src, value) {
		src = fl.Source(value, func(n syntax.Node) bool { return real(n) && changesExternalState(f, n) })
	}
	what := ""
	switch {
	case !src.IsNil():
		what = calleeText(src)
	case createdHere(fl, value):
		what = firstLine(fl.CopyOf(value).Unparen().Text())
	default:
		return
	}
	// Checked again after the last await (double-checked initialisation).
	last := ws[len(ws)-1]
	for _, g := range f.Guards(write) {
		if g.Cond.Start() < last.End() {
			continue
		}
		if _, ok := sem.SlotTest(fl, g.Cond, slot); ok {
			return
		}
	}
	at := last
	if !src.IsNil() {
		at = src
	}
	var related []analysis.Related
	if check != write.Child(syntax.FLeft) {
		related = append(related, p.At(check, fmt.Sprintf("%s found unset here", slot.Name())))
	}
	if !call.IsNil() {
		related = append(related, p.At(call, fmt.Sprintf("which then calls %s, which assigns it", fn.Name)))
	}
	related = append(related, p.At(at, "the await the initialisation yields at"))
	p.Report(write, fmt.Sprintf("%s is checked at line %d and assigned only after the await at line %d: calls that arrive before the first one finishes all see it unset, all run %s, and each overwrites the last",
		slot.Name(), check.Line(), at.Line(), what), "", related...)
}

// firstOnPath returns the first await on the way to write: awaits in a
// branch that leaves the function without reaching it (if (running) return
// await cached();) are not on that way.
func firstOnPath(ws []syntax.Node, write syntax.Node) syntax.Node {
	for _, w := range ws {
		if !inExitingBranch(w, write) {
			return w
		}
	}
	return ws[0]
}

// inExitingBranch reports whether n lies in the consequence or
// alternative of an if statement that always leaves the function and does
// not hold write.
func inExitingBranch(n, write syntax.Node) bool {
	for c := n; !c.IsNil(); c = c.Parent() {
		p := c.Parent()
		if sem.IsFunction(p) {
			return false
		}
		if p.Is(syntax.KIfStatement, syntax.KElseClause) && c.Field() != syntax.FCondition && !c.Contains(write) && sem.Exits(c) {
			return true
		}
	}
	return false
}

// singleFlight reports whether a shared flag, other than the slot, is set
// after the check and before the first await: concurrent callers find it
// set and do not start the work again (if (this.loading) return;
// this.loading = true; ... await ...).
func singleFlight(fl *sem.Flow, check, first syntax.Node) bool {
	found := false
	fl.Fn.Body.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) && n != fl.Fn.Node {
			return false
		}
		if n.Is(syntax.KAssignmentExpression) && n.Start() >= check.End() && n.End() <= first.Start() {
			if _, ok := sem.SharedSlot(fl.F, fl.Fn, n.Child(syntax.FLeft), false); ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// changesExternalState reports whether an await waits for a call that
// changes state outside the process (a token grant, a registration, a
// write).
func changesExternalState(f *sem.File, await syntax.Node) bool {
	call := awaitedCall(await)
	return !call.IsNil() && f.ChangesExternalState(call)
}

// createdHere reports whether the value stored is an object created by
// this call that opens a resource (new Client(url)), not data: two callers
// store two of them.
func createdHere(fl *sem.Flow, value syntax.Node) bool {
	v := fl.CopyOf(value).Unparen()
	return v.Is(syntax.KNewExpression) && fl.F.OpensResource(v)
}

// createsResource reports whether the awaited call, or the value stored,
// creates, connects or starts something whose identity matters:
// await connectSearch(url), await MongoClient.connect(url) then
// client.db("app"), new Client(await loadConfig()).
func createsResource(fl *sem.Flow, await, value syntax.Node) bool {
	if call := awaitedCall(await); !call.IsNil() && fl.F.OpensResource(call) {
		return true
	}
	v := fl.CopyOf(value).Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChild(0).Unparen()
	}
	return v.Is(syntax.KNewExpression, syntax.KCallExpression) && fl.F.OpensResource(v)
}

// awaitedCall returns the call an await waits for, looking through
// .then/.catch/.finally.
func awaitedCall(await syntax.Node) syntax.Node {
	e := await.NamedChild(0).Unparen()
	for e.Is(syntax.KCallExpression) {
		m := models.Method(e)
		if m != "then" && m != "catch" && m != "finally" {
			return e
		}
		e = models.Receiver(e).Unparen()
	}
	return syntax.Node{}
}

// calleeText names the awaited work for messages: "connectSearch(...)".
func calleeText(await syntax.Node) string {
	e := await.NamedChild(0).Unparen()
	if e.Is(syntax.KCallExpression) {
		fn := e.Child(syntax.FFunction).Text()
		if len(fn) > 40 {
			fn = "..." + fn[len(fn)-37:]
		}
		return fn + "(...)"
	}
	return "the initialisation"
}

// checkEarlyAnswer reports a single-flight flag whose "already running"
// branch calls the caller's callback at once: if (this.refreshing) {
// process.nextTick(cb); return } this.refreshing = true; ... The caller
// asked to be told when the work is done and goes on before the work in
// flight has finished.
func checkEarlyAnswer(p *analysis.Pass, fn *sem.Func) {
	f := p.File
	if fn.Body.IsNil() || !fn.Body.Is(syntax.KStatementBlock) {
		return
	}
	for _, cb := range fn.Params() {
		if cb.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
			cb = cb.Child(syntax.FPattern)
		}
		if !cb.Is(syntax.KIdentifier) {
			continue
		}
		b := f.Resolve(cb)
		if b == nil {
			continue
		}
		for _, stmt := range fn.Body.NamedChildren() {
			if !stmt.Is(syntax.KIfStatement) || !stmt.Child(syntax.FAlternative).IsNil() || !sem.Exits(stmt.Child(syntax.FConsequence)) {
				continue
			}
			flag, ok := flagTest(f, fn, stmt.Child(syntax.FCondition))
			if !ok {
				continue
			}
			answer := callbackUse(f, stmt.Child(syntax.FConsequence), b)
			if answer.IsNil() || !setsAndClears(f, fn, stmt, flag) {
				continue
			}
			p.Report(answer, fmt.Sprintf("%s marks work in flight, but a caller that arrives meanwhile has %s called at once: it goes on before the work it asked for has finished",
				flag.Name(), b.Name),
				"Queue the callbacks of callers that arrive while the work is in flight and call them all when it finishes (or share the in-flight promise).",
				p.At(stmt.Child(syntax.FCondition), fmt.Sprintf("%s found set here", flag.Name())))
			return
		}
	}
}

// flagTest recognises a condition that is true when a shared slot is set:
// if (this.refreshing), if (busy === true).
func flagTest(f *sem.File, fn *sem.Func, cond syntax.Node) (sem.StateRef, bool) {
	var flag sem.StateRef
	present, ok := sem.PresenceTest(cond, func(e syntax.Node) (bool, bool) {
		r, ok := sem.SharedSlot(f, fn, e.Unparen(), true)
		if ok {
			flag = r
		}
		return true, ok
	})
	if !ok || !present {
		return sem.StateRef{}, false
	}
	return flag, true
}

// callbackUse returns a call in n that invokes the callback b, or hands it
// on to be invoked (process.nextTick(cb), setImmediate(cb)), reporting
// success. A callback put in a collection (pending.push(cb)) is kept for
// when the work ends.
func callbackUse(f *sem.File, n syntax.Node, b *sem.Binding) syntax.Node {
	var found syntax.Node
	n.Walk(func(m syntax.Node) bool {
		if !found.IsNil() || sem.IsFunction(m) {
			return false
		}
		if !m.Is(syntax.KCallExpression) {
			return true
		}
		args := models.Args(m)
		if models.CollectionInserts[models.Method(m)] {
			return false // pending.push(cb): kept to be called when the work ends
		}
		if c := m.Child(syntax.FFunction).Unparen(); c.Is(syntax.KIdentifier) && f.Resolve(c) == b {
			if reportsSuccess(args) {
				found = m
			}
			return false
		}
		for i, a := range args {
			if a = a.Unparen(); a.Is(syntax.KIdentifier) && f.Resolve(a) == b {
				if reportsSuccess(args[i+1:]) {
					found = m
				}
				return false
			}
		}
		return true
	})
	return found
}

// reportsSuccess reports whether a Node-style callback invoked with args is
// told that the work succeeded: no error argument (cb(), cb(null, v)).
// cb(new Error("busy")) tells the caller the truth.
func reportsSuccess(args []syntax.Node) bool {
	return len(args) == 0 || sem.IsNullish(args[0])
}

// setsAndClears reports whether fn sets flag to true after stmt, in its
// own body, and clears it to false somewhere (usually in the completion
// callback).
func setsAndClears(f *sem.File, fn *sem.Func, stmt syntax.Node, flag sem.StateRef) bool {
	set, clear := false, false
	fn.Body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KAssignmentExpression) {
			return true
		}
		r, ok := sem.SharedSlot(f, f.FuncAt(n), n.Child(syntax.FLeft), true)
		if !ok || !r.Same(flag) {
			return true
		}
		v := n.Child(syntax.FRight).Unparen()
		switch {
		case v.Is(syntax.KTrue) && f.FuncAt(n) == fn && n.Start() > stmt.End():
			set = true
		case v.Is(syntax.KFalse):
			clear = true
		}
		return true
	})
	return set && clear
}

// checkThen looks at a slot assigned in a promise continuation
// (connect().then((c) => { this.client = c })) when the function that
// starts the promise tests that the slot is unset: every call that starts
// before the first continuation runs starts the work again.
func (ai *asyncInit) checkThen(write syntax.Node, slot sem.StateRef) {
	f := ai.p.File
	cb := f.FuncAt(write)
	then := sem.CallbackOf(cb.Node)
	if then.IsNil() || cb.Outer == nil {
		return
	}
	if m := models.Method(then); m != "then" {
		return
	}
	// The value stored is what the promise resolved to.
	v := write.Child(syntax.FRight).Unparen()
	if !v.Is(syntax.KIdentifier) || v.Text() != cb.ParamName(0) {
		return
	}
	work := models.Receiver(then).Unparen()
	for work.Is(syntax.KCallExpression) {
		if m := models.Method(work); m != "then" && m != "catch" && m != "finally" {
			break
		}
		work = models.Receiver(work).Unparen()
	}
	if !work.Is(syntax.KCallExpression) {
		return
	}
	outer := ai.flow(cb.Outer)
	os, ok := sem.SharedSlot(f, cb.Outer, slot.Node, true)
	if !ok || !os.Same(slot) {
		return
	}
	check := unsetGuard(outer, then, os)
	if check.IsNil() || storedPromise(f, cb.Outer, then) || singleFlight(outer, check, then) {
		return
	}
	if !f.OpensResource(work) && !f.ChangesExternalState(work) {
		return
	}
	ai.p.Report(write, fmt.Sprintf("%s is checked at line %d and assigned only when %s settles: calls that arrive before it does all see it unset, all run it again, and each overwrites the last",
		slot.Name(), check.Line(), calleeText0(work)), "",
		ai.p.At(check, fmt.Sprintf("%s found unset here", slot.Name())),
		ai.p.At(work, "the work whose result is stored later"))
}

// calleeText0 names a call for messages: "connectSearch(...)".
func calleeText0(call syntax.Node) string {
	fn := call.Child(syntax.FFunction).Text()
	if len(fn) > 40 {
		fn = "..." + fn[len(fn)-37:]
	}
	return fn + "(...)"
}

// storedPromise reports whether the promise of call, or of the
// .then/.catch/.finally chain it starts, is stored in shared state as it is
// created (this.pending = load().then(...)): later callers find the
// promise and share it.
func storedPromise(f *sem.File, fn *sem.Func, call syntax.Node) bool {
	e := call
	for {
		p := e.Parent()
		switch {
		case p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression):
			e = p
			continue
		case p.Is(syntax.KMemberExpression) && e.Field() == syntax.FObject && p.Parent().Is(syntax.KCallExpression):
			switch p.Child(syntax.FProperty).Text() {
			case "then", "catch", "finally":
				e = p.Parent()
				continue
			}
		case p.Is(syntax.KAssignmentExpression) && e.Field() == syntax.FRight:
			_, ok := sem.SharedSlot(f, fn, p.Child(syntax.FLeft), false)
			return ok
		}
		return false
	}
}
