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
		ID:       "shared-state-across-await",
		Severity: analysis.High,
		Title:    "module-level or instance state read before an await and written after it from that read",
		Fix:      "Do the read and the write with no await between them (apply the awaited delta in one synchronous step), or serialise the callers with a mutex.",
		Run:      runSharedState,
	})
}

func runSharedState(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	flows := map[*sem.Func]*sem.Flow{}
	flowOf := func(fn *sem.Func) *sem.Flow {
		fl := flows[fn]
		if fl == nil {
			fl = sem.NewFlow(f, fn)
			flows[fn] = fl
		}
		return fl
	}
	f.Root().EachOf(func(n syntax.Node) bool {
		checkLateResource(p, n)
		fn := f.FuncAt(n)
		if fn == nil || !fn.Async || len(fn.Awaits) == 0 {
			return true
		}
		if _, locked := f.LockAt(n); locked {
			return true
		}
		if f.NeverOverlaps(fn) && !overlappingWriter(f, fn) {
			return true
		}
		checkSharedWrite(p, flowOf(fn), n)
		return true
	}, syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression, syntax.KCallExpression, syntax.KUpdateExpression)
}

// overlappingWriter reports whether state fn writes may also be written
// by a call running beside it: another function of the file that writes
// some of the same state (sem.WrittenState) and can run concurrently with
// itself. State read before an await and written after it is lost only
// when another call writes it in between; when fn never overlaps with
// itself and no other writer can run beside it, none can.
func overlappingWriter(f *sem.File, fn *sem.Func) bool {
	mine := sem.WrittenState(f, fn)
	if len(mine) == 0 {
		return false
	}
	for _, g := range f.Funcs {
		if g == fn || fn.Node.Contains(g.Node) || f.NeverOverlaps(g) {
			continue
		}
		for _, w := range sem.WrittenState(f, g) {
			for _, m := range mine {
				if w.Same(m) {
					return true
				}
			}
		}
	}
	return false
}

// arithmetic compound assignments read their target before evaluating the
// right side.
var readModifyWriteOps = map[string]bool{
	"+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true,
	"<<=": true, ">>=": true, ">>>=": true, "&=": true, "|=": true, "^=": true,
}

func checkSharedWrite(p *analysis.Pass, fl *sem.Flow, n syntax.Node) {
	f, fn := fl.F, fl.Fn
	var target sem.StateRef
	var value syntax.Node
	var ok bool
	switch {
	case n.Is(syntax.KUpdateExpression):
		if target, ok = sem.SharedSlot(f, fn, n.Child(syntax.FArgument), true); ok && strings.HasPrefix(strings.TrimSpace(n.Operator()), "+") {
			checkStaleBound(p, fl, n, target)
		}
		return
	case n.Is(syntax.KCallExpression):
		if checkSetAdd(p, fl, n) {
			return
		}
		target, value, ok = sem.SharedMapSet(f, fn, n)
	default:
		left := n.Child(syntax.FLeft)
		value = n.Child(syntax.FRight)
		if left.Unparen().Is(syntax.KSubscriptExpression) {
			target, ok = sem.SharedEntry(f, fn, left)
		} else {
			target, ok = sem.SharedSlot(f, fn, left, true)
		}
	}
	if !ok {
		return
	}
	op := ""
	if n.Is(syntax.KAugmentedAssignmentExpression) {
		op = n.Operator()
	}
	switch {
	case readModifyWriteOps[op]:
		// x += await f(): x is read before the right side runs.
		ws := sem.AwaitsWithin(fn, value.Start(), value.End())
		if len(ws) == 0 {
			if !target.Keyed && op == "+=" {
				checkStaleBound(p, fl, n, target)
			}
			return
		}
		p.Report(n, fmt.Sprintf("%s is read, then the await at line %d yields before %s writes it back: an update another call makes during the await is lost",
			target.Name(), ws[0].Line(), op), "",
			p.At(ws[0], "the await between the read and the write"))
		return
	case op == "??=" || op == "||=" || op == "&&=":
		if !target.Keyed {
			return // a single slot: async-init-race
		}
		ws := sem.AwaitsWithin(fn, value.Start(), value.End())
		if len(ws) == 0 || allSharedAwaits(f, fn, ws) {
			return
		}
		reportGetOrCreate(p, target, n, n, ws[0])
		return
	case op != "":
		return
	}
	if checkReadModifyWrite(p, fl, n, target, value) {
		return
	}
	if target.Keyed {
		checkGetOrCreate(p, fl, n, target, value)
	}
}

// keepsOrShared reports a value that is either the state's own value or
// one every caller shares (a dynamic import, a kept promise), so racing
// fills store the same thing: x = x || await loadModule(), or const [a, b]
// = a0 && b0 ? [a0, b0] : await Promise.all([import(...), import(...)])
// followed by a0 = a.
func keepsOrShared(fl *sem.Flow, value syntax.Node, target sem.StateRef) bool {
	f, fn := fl.F, fl.Fn
	v := fl.CopyOf(value).Unparen()
	if v.Is(syntax.KIdentifier) {
		// Bound by a destructuring pattern: judge the value destructured.
		if b := fl.Local(v); b != nil {
			if d := b.Decl.Ancestor(syntax.KVariableDeclarator); !d.IsNil() && !d.Child(syntax.FName).Is(syntax.KIdentifier) {
				v = d.Child(syntax.FValue).Unparen()
			}
		}
	}
	switch {
	case v.Is(syntax.KBinaryExpression) && (v.Operator() == "||" || v.Operator() == "??"):
		r := v.Child(syntax.FRight).Unparen()
		return sem.IsStateRead(f, fn, v.Child(syntax.FLeft).Unparen(), target) && sem.SharedAwait(f, fn, r)
	case v.Is(syntax.KTernaryExpression):
		cons, alt := v.Child(syntax.FConsequence).Unparen(), v.Child(syntax.FAlternative).Unparen()
		return onlyStateReads(fl, cons) && sem.SharedAwait(f, fn, alt) || onlyStateReads(fl, alt) && sem.SharedAwait(f, fn, cons)
	}
	return false
}

// onlyStateReads reports an expression made of shared state read as it
// is, alone or in arrays and objects: [langs, themes], [{ bundled: langs }].
func onlyStateReads(fl *sem.Flow, e syntax.Node) bool {
	e = e.Unparen()
	if e.Is(syntax.KArray, syntax.KObject) {
		elems := e.NamedChildren()
		for _, el := range elems {
			if el.Is(syntax.KPair) {
				el = el.Child(syntax.FValue)
			}
			if !onlyStateReads(fl, el) {
				return false
			}
		}
		return len(elems) > 0
	}
	if !e.Is(syntax.KIdentifier, syntax.KMemberExpression) {
		return false
	}
	_, ok := sem.SharedSlot(fl.F, fl.Fn, e, false)
	return ok
}

// checkReadModifyWrite reports a write whose value derives from a read of
// the same state made before an await: x = before + size after
// const before = x; await ...
func checkReadModifyWrite(p *analysis.Pass, fl *sem.Flow, write syntax.Node, target sem.StateRef, value syntax.Node) bool {
	f, fn := fl.F, fl.Fn
	read := fl.Source(value, func(n syntax.Node) bool {
		return sem.IsStateRead(f, fn, n, target) && len(sem.AwaitsBefore(fn, n.End(), write.End(), write)) > 0
	})
	if read.IsNil() {
		return false
	}
	// Scratch space of iteration callbacks that no run can see another
	// run write: overwriting it loses nothing anyone reads.
	if target.Root != nil && !target.Root.ModuleLevel() && f.ScratchOfIteration(fn, target.Root) {
		return true
	}
	// x = { ...x, ...computed } merges into the value x has now: a fresh read
	// after the last await means concurrent updates are kept, not lost.
	fresh := false
	sem.StateReads(f, fn, value, target, func(n syntax.Node) bool {
		if len(sem.AwaitsWithin(fn, n.End(), write.End())) == 0 {
			fresh = true
			return false
		}
		return true
	})
	if fresh {
		return true
	}
	// const saved = x; x = other; ... await ...; x = saved restores the old
	// value: nothing is computed from it. So does a saved value with a
	// default for a missing holder (const i = sel ? sel.selectedIndex : 0).
	if c := fl.CopyOf(value); c == read || savedOrDefault(c, read) {
		return true
	}
	// x = x || await loadModule(): the slot keeps its value or receives one
	// every caller shares (a dynamic import, a kept promise), so racing
	// fills store the same thing.
	if keepsOrShared(fl, value, target) {
		return true
	}
	ws := sem.AwaitsBefore(fn, read.End(), write.End(), write)
	if f.SingleFlight(target.Key, ws[0], write.Start()) {
		// calls (for the key) exclude each other from the read to the
		// write: if (running) return; running = true; ... finally
		// running = false
		return true
	}
	last := ws[len(ws)-1]
	// A compare-and-set after the await (if (x === before) x = ...) is safe.
	if recheckedAfter(f, fn, write, target, last) {
		return true
	}
	p.Report(write, fmt.Sprintf("%s is read at line %d, the await at line %d yields, and the value written here is computed from that earlier read: an update another call makes during the await is lost",
		target.Name(), read.Line(), ws[0].Line()), "",
		p.At(read, fmt.Sprintf("%s read here", target.Name())),
		p.At(ws[0], "the await between the read and the write"))
	return true
}

// savedOrDefault reports a conditional expression that is read in one
// branch and a literal in the other.
func savedOrDefault(c, read syntax.Node) bool {
	if !c.Is(syntax.KTernaryExpression) {
		return false
	}
	a, b := c.Child(syntax.FConsequence).Unparen(), c.Child(syntax.FAlternative).Unparen()
	literal := func(n syntax.Node) bool {
		return n.Is(syntax.KNumber, syntax.KString, syntax.KNull, syntax.KTrue, syntax.KFalse, syntax.KUndefined)
	}
	return a == read && literal(b) || b == read && literal(a)
}

// checkGetOrCreate reports a keyed cache filled after an await when the
// entry was found missing before it: if (!cache[k]) cache[k] = await load(k).
func checkGetOrCreate(p *analysis.Pass, fl *sem.Flow, write syntax.Node, target sem.StateRef, value syntax.Node) {
	f, fn := fl.F, fl.Fn
	var check syntax.Node
	for _, g := range f.Guards(write) {
		if sem.EntryMissingGuard(fl, g, target) {
			check = g.Cond
		}
	}
	if check.IsNil() {
		return
	}
	ws := sem.AwaitsBefore(fn, check.End(), write.End(), write)
	var real []syntax.Node
	for _, w := range ws {
		if !sem.SharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 || sem.ClaimsEntry(f, fn, target, check.End(), real[0]) || f.SingleFlight(target.Key, real[0], write.Start()) {
		return // no await, or a claim before it: single flight
	}
	if cheapFill(p, f, real) {
		return // concurrent misses repeat one keyed read and store equal data
	}
	// The value must come from the awaited work.
	src := fl.Source(value, func(n syntax.Node) bool {
		if !n.Is(syntax.KAwaitExpression) || n.Start() < check.End() {
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
	// A second check after the last await (double-checked fill) is safe.
	last := ws[len(ws)-1]
	for _, g := range f.Guards(write) {
		if g.Cond.Start() >= last.End() && sem.MentionsEntry(fl, g.Cond, target) {
			return
		}
	}
	reportGetOrCreate(p, target, write, check, src)
}

// cheapFill reports a fill whose awaited work is at most one keyed store
// read or in-memory work (models.LatencyLookup in all) and changes nothing
// outside the process: calls that miss together each repeat that read and
// store the same value. A request to another service, a scan, or work
// that creates something (a token minted, a record made) is worth one
// shared load.
func cheapFill(p *analysis.Pass, f *sem.File, awaits []syntax.Node) bool {
	if p.Project == nil {
		return false
	}
	total := models.LatencyNone
	for _, w := range awaits {
		call := awaitedCall(w)
		if call.IsNil() || f.ChangesExternalState(call) {
			return false
		}
		total += p.Project.CallLatency(f, call)
	}
	return total <= models.LatencyLookup
}

func reportGetOrCreate(p *analysis.Pass, target sem.StateRef, write, check, await syntax.Node) {
	related := []analysis.Related{}
	if check != write {
		related = append(related, p.At(check, fmt.Sprintf("%s found missing here", target.Name())))
	}
	related = append(related, p.At(await, "the await between the check and the fill"))
	p.Report(write, fmt.Sprintf("%s is checked at line %d and filled after the await at line %d: concurrent calls for the same key all miss, all run the work, and each overwrites the entry",
		target.Name(), check.Line(), await.Line()),
		"Store the promise in the cache before awaiting it (cache.set(key, promise)), so concurrent callers share one load; drop it again if it rejects.",
		related...)
}

func allSharedAwaits(f *sem.File, fn *sem.Func, ws []syntax.Node) bool {
	for _, w := range ws {
		if !sem.SharedAwait(f, fn, w) {
			return false
		}
	}
	return true
}

// checkStaleBound reports a counter raised towards a limit that was checked
// before an await: if (active < max) { await ...; active++ }. Calls that
// pass the check together all raise it, past the limit (a concurrency
// limit overshoots, a quota is exceeded). Lowering a counter checked
// against a floor (if (depth > 1) { await ...; depth -= 1 }) is usually
// unwinding a nesting level that one caller owns, and is left alone.
func checkStaleBound(p *analysis.Pass, fl *sem.Flow, write syntax.Node, target sem.StateRef) {
	const up = true
	f, fn := fl.F, fl.Fn
	var check syntax.Node
	for _, g := range f.Guards(write) {
		if g.Kind == sem.GuardTry {
			continue
		}
		if boundsTarget(fl, g.Cond, target, up, g.Negated) {
			check = g.Cond
			break
		}
	}
	if check.IsNil() {
		return
	}
	var real []syntax.Node
	for _, w := range sem.AwaitsBefore(fn, check.End(), write.Start(), write) {
		if !sem.SharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return
	}
	if recheckedAfter(f, fn, write, target, real[len(real)-1]) {
		return // checked again after the await
	}
	if changedBetween(fl, target, check.End(), real[0].Start()) {
		return // reserved before the await
	}
	p.Report(write, fmt.Sprintf("%s is checked against its bound at line %d, the await at line %d yields, and only then is it changed here: calls that pass the check together all change it, past the bound",
		target.Name(), check.Line(), real[0].Line()),
		"Change the counter in the same synchronous step as the check (reserve before the await, give back on failure), or re-check it in a loop after the await.",
		p.At(check, fmt.Sprintf("%s checked here", target.Name())),
		p.At(real[0], "the await between the check and the change"))
}

// changedBetween reports whether fn changes target (target++, target =
// ..., target += ...) between from and to, outside nested functions: a
// change after the check and before the first await is made in the same
// synchronous step as the check (if (locked > 0) return; locked++; await
// ...), so a call that checks after it sees the change, and a later
// change is one more reference, not a second pass of the check.
func changedBetween(fl *sem.Flow, target sem.StateRef, from, to uint32) bool {
	found := false
	fl.Fn.Body.Walk(func(n syntax.Node) bool {
		if found || n.End() <= from || n.Start() >= to || (sem.IsFunction(n) && n != fl.Fn.Node) {
			return false
		}
		var lhs syntax.Node
		switch {
		case n.Is(syntax.KUpdateExpression):
			lhs = n.Child(syntax.FArgument)
		case n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression):
			lhs = n.Child(syntax.FLeft)
		default:
			return true
		}
		if n.Start() >= from && n.End() <= to {
			if ref, ok := sem.SharedSlot(fl.F, fl.Fn, lhs, true); ok && ref.Same(target) {
				found = true
			}
		}
		return !found
	})
	return found
}

// recheckedAfter reports whether a guard of write that reads target again
// comes after the await: the decision is made on a fresh value.
func recheckedAfter(f *sem.File, fn *sem.Func, write syntax.Node, target sem.StateRef, await syntax.Node) bool {
	for _, g := range f.Guards(write) {
		if g.Cond.Start() < await.End() {
			continue
		}
		fresh := false
		sem.StateReads(f, fn, g.Cond, target, func(syntax.Node) bool { fresh = true; return false })
		if fresh {
			return true
		}
	}
	return false
}

// boundsTarget reports whether cond, holding (or, when negated, failing),
// says target is below a bound (up) or above one (!up): x < max, max > x,
// !(x >= max), and such tests joined by &&.
func boundsTarget(fl *sem.Flow, cond syntax.Node, target sem.StateRef, up, negated bool) bool {
	cond = cond.Unparen()
	switch {
	case cond.Is(syntax.KUnaryExpression) && cond.Operator() == "!":
		return boundsTarget(fl, cond.Child(syntax.FArgument), target, up, !negated)
	case !cond.Is(syntax.KBinaryExpression):
		return false
	}
	l, r := cond.Child(syntax.FLeft), cond.Child(syntax.FRight)
	op := cond.Operator()
	switch op {
	case "&&":
		if negated {
			return false
		}
		return boundsTarget(fl, l, target, up, false) || boundsTarget(fl, r, target, up, false)
	case "||":
		if !negated {
			return false
		}
		return boundsTarget(fl, l, target, up, true) || boundsTarget(fl, r, target, up, true)
	case "<", "<=", ">", ">=":
	default:
		return false
	}
	isT := func(e syntax.Node) bool { return sem.IsStateRead(fl.F, fl.Fn, e.Unparen(), target) }
	below := op == "<" || op == "<=" // x below the other side, when x is on the left
	switch {
	case isT(l) && !isT(r):
	case isT(r) && !isT(l):
		below = !below
	default:
		return false
	}
	if negated {
		below = !below
	}
	return below == up
}

// checkSetAdd reports set.add(k) on a shared Set after an await, when a
// test that k is absent decided it before the await: concurrent calls all
// pass the test and all run the work the entry was meant to mark.
func checkSetAdd(p *analysis.Pass, fl *sem.Flow, call syntax.Node) bool {
	f, fn := fl.F, fl.Fn
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "add" {
		return false
	}
	args := models.Args(call)
	if len(args) != 1 {
		return false
	}
	c, ok := sem.SharedSlot(f, fn, callee.Child(syntax.FObject), false)
	if !ok || !sem.SetContainer(f, fn, c) {
		return false
	}
	c.Node, c.Key, c.Keyed = call, args[0], true
	var check syntax.Node
	for _, g := range f.Guards(call) {
		if g.Kind == sem.GuardTry {
			continue
		}
		if pol, ok := sem.PresenceTest(g.Cond, func(e syntax.Node) (bool, bool) { return sem.SetHas(fl, e.Unparen(), c) }); ok && pol == g.Negated {
			check = g.Cond
			break
		}
	}
	if check.IsNil() {
		return true
	}
	var real []syntax.Node
	for _, w := range sem.AwaitsBefore(fn, check.End(), call.Start(), call) {
		if !sem.SharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return true
	}
	last := real[len(real)-1]
	for _, g := range f.Guards(call) {
		if g.Cond.Start() >= last.End() {
			if _, ok := sem.PresenceTest(g.Cond, func(e syntax.Node) (bool, bool) { return sem.SetHas(fl, e.Unparen(), c) }); ok {
				return true
			}
		}
	}
	p.Report(call, fmt.Sprintf("%s is checked at line %d and added only after the await at line %d: calls that arrive in between all find it absent and all go on",
		c.Name(), check.Line(), real[0].Line()),
		"Add the entry in the same synchronous step as the check, before the first await, and delete it when the work settles.",
		p.At(check, fmt.Sprintf("%s found absent here", c.Name())),
		p.At(real[0], "the await between the check and the add"))
	return true
}
