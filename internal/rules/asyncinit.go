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
	if f.SingleProcess {
		return
	}
	flows := map[*sem.Func]*localFlow{}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression) {
			return true
		}
		fn := f.FuncAt(n)
		if fn == nil || !fn.Async || len(fn.Awaits) == 0 {
			return true
		}
		slot, ok := sharedSlot(f, fn, n.Child(syntax.FLeft), true)
		if !ok {
			return true
		}
		if _, locked := f.LockAt(n); locked {
			return true
		}
		fl := flows[fn]
		if fl == nil {
			fl = newLocalFlow(f, fn)
			flows[fn] = fl
		}
		checkAsyncInit(p, fl, n, slot)
		return true
	})
}

func checkAsyncInit(p *analysis.Pass, fl *localFlow, write syntax.Node, slot stateRef) {
	f, fn := fl.f, fl.fn
	value := write.Child(syntax.FRight)
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
		for _, g := range f.Guards(write) {
			if g.Kind == sem.GuardTry {
				continue
			}
			if present, ok := slotTest(fl, g.Cond, slot); ok && present == g.Negated {
				check = g.Cond
				break
			}
		}
	}
	if check.IsNil() {
		return
	}
	var real []syntax.Node
	for _, w := range awaitsWithin(fn, check.End(), write.End()) {
		if !sharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return
	}
	// The slot must receive the result of the awaited work, not a flag.
	src := fl.source(value, func(n syntax.Node) bool {
		if !n.Is(syntax.KAwaitExpression) {
			return false
		}
		for _, w := range real {
			if w == n {
				return true
			}
		}
		return false
	})
	if src.IsNil() {
		return
	}
	// A slot that caches data is only loaded twice; one that holds a
	// client, a connection or a created object leaks or splits it.
	if !createsResource(fl, src, value) {
		return
	}
	// Checked again after the last await (double-checked initialisation).
	last := real[len(real)-1]
	for _, g := range f.Guards(write) {
		if g.Cond.Start() < last.End() {
			continue
		}
		if _, ok := slotTest(fl, g.Cond, slot); ok {
			return
		}
	}
	what := calleeText(src)
	related := []analysis.Related{p.At(src, "the await the initialisation yields at")}
	if check != write.Child(syntax.FLeft) {
		related = append([]analysis.Related{p.At(check, fmt.Sprintf("%s found unset here", slot.name()))}, related...)
	}
	p.Report(write, fmt.Sprintf("%s is checked at line %d and assigned only after the await at line %d: calls that arrive before the first one finishes all see it unset, all run %s, and each overwrites the last",
		slot.name(), check.Line(), src.Line(), what), "", related...)
}

// createsResource reports whether the awaited call, or the value stored,
// creates, connects or starts something whose identity matters:
// await connectSearch(url), await MongoClient.connect(url) then
// client.db("app"), new Client(await loadConfig()).
func createsResource(fl *localFlow, await, value syntax.Node) bool {
	if call := awaitedCall(await); !call.IsNil() && resourceCall(fl, call) {
		return true
	}
	v := fl.copyOf(value).Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChild(0).Unparen()
	}
	switch {
	case v.Is(syntax.KNewExpression):
		c := v.Child(syntax.FConstructor).Unparen()
		return !models.DataConstructors[c.Text()] && !models.MemoryMaps[c.Text()]
	case v.Is(syntax.KCallExpression):
		return resourceCall(fl, v)
	}
	return false
}

// awaitedCall returns the call an await waits for, looking through
// .then/.catch/.finally.
func awaitedCall(await syntax.Node) syntax.Node {
	e := await.NamedChild(0).Unparen()
	for e.Is(syntax.KCallExpression) {
		_, m := models.Callee(e)
		if m != "then" && m != "catch" && m != "finally" {
			return e
		}
		e = models.Receiver(e).Unparen()
	}
	return syntax.Node{}
}

// resourceCall reports whether a call's name (or the name of the project
// function it resolves to) says it creates or connects a resource.
func resourceCall(fl *localFlow, call syntax.Node) bool {
	_, m := models.Callee(call)
	if models.IsResourceCall(m) {
		return true
	}
	if p := fl.f.Project(); p != nil {
		if _, fn := p.ResolveCall(fl.f, call); fn != nil && models.IsResourceCall(fn.Name) {
			return true
		}
	}
	return false
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

// slotTest finds a test of a single slot in cond and reports whether cond
// being true means the slot is set: !x, x === undefined, x == null,
// typeof x === "undefined", x?.ready, and such tests joined by && or ||.
func slotTest(fl *localFlow, cond syntax.Node, slot stateRef) (present bool, ok bool) {
	return sem.PresenceTest(cond, func(e syntax.Node) (bool, bool) {
		e = e.Unparen()
		switch {
		case isSlot(fl, e, slot):
			return true, true
		case e.Is(syntax.KMemberExpression) && isSlot(fl, e.Child(syntax.FObject), slot):
			return true, true // this.client?.isReady
		}
		return false, false
	})
}

func isSlot(fl *localFlow, e syntax.Node, slot stateRef) bool {
	e = e.Unparen()
	if !e.Is(syntax.KIdentifier, syntax.KMemberExpression) {
		return false
	}
	return isStateRead(fl.f, fl.fn, e, slot) || isStateTarget(fl, e, slot)
}

// isStateTarget is isStateRead for a node in assignment position.
func isStateTarget(fl *localFlow, e syntax.Node, slot stateRef) bool {
	r, ok := sharedSlot(fl.f, fl.fn, e, false)
	return ok && r.same(slot)
}
