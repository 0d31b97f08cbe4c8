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

// The shared-state rules (shared-state-across-await, async-init-race) look
// at state that outlives one call of an async function: module-level
// variables, instance fields (this.x in a class), and variables an async
// callback captures from the function that starts it concurrently. The
// helpers below name such state and find its reads.

// stateRef is a reference to shared state: a slot (x, this.client,
// stats.total) or an entry of a shared container (cache[k], map.get(k)).
type stateRef struct {
	node  syntax.Node  // the reference as written
	base  string       // canonical text of the slot, or of the container
	root  *sem.Binding // binding of the root identifier; nil for this
	key   syntax.Node  // the key of an entry
	keyed bool
}

// name is the reference for messages: "totalBytes", "sessions[id]".
func (r stateRef) name() string {
	if r.keyed {
		return r.base + "[" + stateKeyText(r.key) + "]"
	}
	return r.base
}

// same reports whether two references name the same state.
func (r stateRef) same(o stateRef) bool {
	if r.base != o.base || r.root != o.root || r.keyed != o.keyed {
		return false
	}
	return !r.keyed || stateKeyText(r.key) == stateKeyText(o.key)
}

// sameBase reports whether o is an entry of r's container (or r itself).
func (r stateRef) sameBase(o stateRef) bool { return r.base == o.base && r.root == o.root }

// sharedSlot classifies e as a slot of shared state: a module-level
// variable, a field of this in a class method, a property path of a
// module-level object, or a variable captured by an async callback that runs
// once per element of an iteration. assignable asks for a slot that can be
// written as a whole (a plain variable must then be let or var).
func sharedSlot(f *sem.File, fn *sem.Func, e syntax.Node, assignable bool) (stateRef, bool) {
	e = e.Unparen()
	ref := stateRef{node: e}
	var parts []string
	n := e
	for n.Is(syntax.KMemberExpression) {
		prop := n.Child(syntax.FProperty)
		if !prop.Is(syntax.KPropertyIdentifier, syntax.KPrivatePropertyIdentifier) {
			return ref, false
		}
		parts = append(parts, prop.Text())
		n = n.Child(syntax.FObject).Unparen()
	}
	var head string
	switch {
	case n.Is(syntax.KThis):
		if len(parts) == 0 || !stateMethodThis(fn) {
			return ref, false
		}
		head = "this"
	case n.Is(syntax.KIdentifier):
		b := f.Resolve(n)
		if b == nil || !sharedBinding(f, fn, b) {
			return ref, false
		}
		if len(parts) == 0 {
			if assignable && b.Kind != sem.BLet && b.Kind != sem.BVar {
				return ref, false
			}
		} else if b.Kind == sem.BFunction || b.Kind == sem.BClass {
			return ref, false
		}
		ref.root = b
		head = b.Name
	default:
		return ref, false
	}
	var sb strings.Builder
	sb.WriteString(head)
	for i := len(parts) - 1; i >= 0; i-- {
		sb.WriteByte('.')
		sb.WriteString(parts[i])
	}
	ref.base = sb.String()
	return ref, true
}

// sharedEntry classifies e as an entry of a shared container: cache[k], or
// (for calls) map.get(k) / map.has(k). It returns the container's slot with
// the key set.
func sharedEntry(f *sem.File, fn *sem.Func, e syntax.Node) (stateRef, bool) {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KSubscriptExpression):
		c, ok := sharedSlot(f, fn, e.Child(syntax.FObject), false)
		if !ok {
			return c, false
		}
		c.node, c.key, c.keyed = e, e.Child(syntax.FIndex), true
		return c, !c.key.IsNil()
	case e.Is(syntax.KCallExpression):
		callee := e.Child(syntax.FFunction).Unparen()
		if !callee.Is(syntax.KMemberExpression) {
			return stateRef{}, false
		}
		switch callee.Child(syntax.FProperty).Text() {
		case "get", "has":
		default:
			return stateRef{}, false
		}
		args := callArgs(e)
		if len(args) != 1 {
			return stateRef{}, false
		}
		c, ok := sharedSlot(f, fn, callee.Child(syntax.FObject), false)
		if !ok || !memoryContainer(f, fn, c) {
			return c, false
		}
		c.node, c.key, c.keyed = e, args[0], true
		return c, true
	}
	return stateRef{}, false
}

// stateMapSet recognises container.set(key, value) on shared state and returns
// the entry and the value.
func stateMapSet(f *sem.File, fn *sem.Func, call syntax.Node) (stateRef, syntax.Node, bool) {
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "set" {
		return stateRef{}, syntax.Node{}, false
	}
	args := callArgs(call)
	if len(args) != 2 {
		return stateRef{}, syntax.Node{}, false
	}
	c, ok := sharedSlot(f, fn, callee.Child(syntax.FObject), false)
	if !ok || !memoryContainer(f, fn, c) {
		return c, syntax.Node{}, false
	}
	c.node, c.key, c.keyed = call, args[0], true
	return c, args[1], true
}

// memoryContainer reports whether a shared slot holds an in-process keyed
// container (a Map, an LRU cache, a Record), so that its get/set calls
// touch this process's memory and not an external store: the variable or
// class field is created by such a constructor or declared with such a type.
func memoryContainer(f *sem.File, fn *sem.Func, c stateRef) bool {
	switch {
	case c.root != nil && c.base == c.root.Name:
		d := c.root.Decl.Parent()
		if !d.Is(syntax.KVariableDeclarator) {
			return false
		}
		return memoryInit(d.Child(syntax.FValue)) || memoryType(d.Child(syntax.FType))
	case c.root == nil && strings.Count(c.base, ".") == 1:
		name := strings.TrimPrefix(c.base, "this.")
		var cls syntax.Node
		for g := fn; g != nil; g = g.Outer {
			if !g.Class.IsNil() {
				cls = g.Class
				break
			}
		}
		return sem.FieldHolds(cls.Child(syntax.FBody), name, memoryType, memoryInit)
	}
	return false
}

// memoryInit reports whether e creates an in-process keyed container.
func memoryInit(e syntax.Node) bool {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KNewExpression):
		c := e.Child(syntax.FConstructor).Unparen()
		if c.Is(syntax.KMemberExpression) {
			c = c.Child(syntax.FProperty)
		}
		return models.MemoryMaps[c.Text()]
	case e.Is(syntax.KObject):
		return true
	case e.Is(syntax.KCallExpression):
		// Object.create(null)
		chain, m := models.Callee(e)
		return len(chain) == 1 && chain[0] == "Object" && m == "create"
	}
	return false
}

// memoryType reports whether a type annotation names an in-process keyed
// container: Map<K, V>, Record<K, V>, { [key: string]: V }.
func memoryType(t syntax.Node) bool {
	if t.IsNil() {
		return false
	}
	found := false
	t.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Is(syntax.KGenericType) && models.MemoryMaps[n.Child(syntax.FName).Text()] {
			found = true
		}
		return true
	})
	return found
}

// stateMethodThis reports whether this, inside fn, is the instance (or class) of
// a class method: fn is a method or field initialiser, or an arrow function
// nested in one.
func stateMethodThis(fn *sem.Func) bool {
	for g := fn; g != nil; g = g.Outer {
		if !g.Class.IsNil() {
			return true
		}
		if !g.Arrow {
			return false
		}
	}
	return false
}

// sharedBinding reports whether a variable outlives one call of fn: it lives
// at module level, or it belongs to an enclosing function and runs of fn
// that can overlap share it (fn is an iteration callback of that function,
// or a function a factory returns).
func sharedBinding(f *sem.File, fn *sem.Func, b *sem.Binding) bool {
	switch b.Kind {
	case sem.BVar, sem.BLet, sem.BConst, sem.BImport:
	default:
		return false
	}
	if b.ModuleLevel() {
		return true
	}
	return b.Kind != sem.BImport && f.CapturedShared(fn, b)
}

// stateKeyText is the text of a key expression with spacing and quoting folded.
func stateKeyText(n syntax.Node) string {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KString):
		if s, ok := sem.StringValue(n); ok {
			return `"` + s + `"`
		}
	case n.Is(syntax.KMemberExpression):
		return stateKeyText(n.Child(syntax.FObject)) + "." + n.Child(syntax.FProperty).Text()
	}
	return strings.Join(strings.Fields(n.Text()), "")
}

// stateReads calls visit for every read of ref in e, outside nested functions
// (which run later), in source order, until visit returns false.
func stateReads(f *sem.File, fn *sem.Func, e syntax.Node, ref stateRef, visit func(syntax.Node) bool) {
	stop := false
	e.Walk(func(n syntax.Node) bool {
		if stop || sem.IsFunction(n) {
			return false
		}
		if isStateRead(f, fn, n, ref) {
			stop = !visit(n)
			return false
		}
		return true
	})
}

// isStateRead reports whether n itself reads ref.
func isStateRead(f *sem.File, fn *sem.Func, n syntax.Node, ref stateRef) bool {
	var r stateRef
	var ok bool
	switch {
	case ref.keyed && n.Is(syntax.KSubscriptExpression, syntax.KCallExpression):
		r, ok = sharedEntry(f, fn, n)
	case !ref.keyed && n.Is(syntax.KIdentifier):
		if ref.root == nil || n.Text() != ref.base || f.Resolve(n) != ref.root {
			return false
		}
		if n.Field() == syntax.FLeft && n.Parent().Is(syntax.KAssignmentExpression) {
			return false
		}
		return true
	case !ref.keyed && n.Is(syntax.KMemberExpression):
		if !strings.HasSuffix(ref.base, n.Child(syntax.FProperty).Text()) {
			return false
		}
		if n.Field() == syntax.FLeft && n.Parent().Is(syntax.KAssignmentExpression) {
			return false
		}
		r, ok = sharedSlot(f, fn, n, false)
	}
	return ok && r.same(ref)
}

// localFlow answers data-flow questions inside one function: which local
// variables an expression depends on, and where they were last assigned.
type localFlow struct {
	f    *sem.File
	fn   *sem.Func
	defs map[*sem.Binding][]syntax.Node // assigned values of each local, in source order
}

func newLocalFlow(f *sem.File, fn *sem.Func) *localFlow {
	return &localFlow{f: f, fn: fn}
}

// local returns the binding of an identifier when it is a variable declared
// inside fn (parameters excluded).
func (fl *localFlow) local(id syntax.Node) *sem.Binding {
	b := fl.f.Resolve(id)
	if b == nil || b.Decl.IsNil() || !fl.fn.Node.Contains(b.Decl) {
		return nil
	}
	switch b.Kind {
	case sem.BLet, sem.BConst, sem.BVar:
		return b
	}
	return nil
}

// reaching returns the value last assigned to local b before offset at, or
// no node when it is unknown (declared without a value we can see).
func (fl *localFlow) reaching(b *sem.Binding, at uint32) syntax.Node {
	if fl.defs == nil {
		fl.collectDefs()
	}
	var last syntax.Node
	for _, d := range fl.defs[b] {
		if d.End() <= at {
			last = d
		}
	}
	return last
}

// collectDefs records every value assigned to a local of fn: declarator
// initialisers (when the declarator binds the name directly) and the right
// side of plain assignments.
func (fl *localFlow) collectDefs() {
	fl.defs = map[*sem.Binding][]syntax.Node{}
	if fl.fn.Body.IsNil() {
		return
	}
	fl.fn.Body.Walk(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KVariableDeclarator):
			name, v := n.Child(syntax.FName), n.Child(syntax.FValue)
			if v.IsNil() {
				return true
			}
			if name.Is(syntax.KIdentifier) {
				if b := fl.local(name); b != nil {
					fl.defs[b] = append(fl.defs[b], v)
				}
			} else {
				// const { a, b } = value: each name derives from value.
				name.Walk(func(m syntax.Node) bool {
					if m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
						if b := fl.f.Resolve(m); b != nil && b.Decl == m {
							fl.defs[b] = append(fl.defs[b], v)
						}
					}
					return true
				})
			}
		case n.Is(syntax.KAssignmentExpression):
			if l := n.Child(syntax.FLeft).Unparen(); l.Is(syntax.KIdentifier) {
				if b := fl.local(l); b != nil {
					fl.defs[b] = append(fl.defs[b], n.Child(syntax.FRight))
				}
			}
		}
		return true
	})
}

// source finds, in e or in the values of the locals e uses (followed
// through up to four assignments), the first node for which match holds.
func (fl *localFlow) source(e syntax.Node, match func(syntax.Node) bool) syntax.Node {
	return fl.sourceDepth(e, match, 0, map[int32]bool{})
}

func (fl *localFlow) sourceDepth(e syntax.Node, match func(syntax.Node) bool, depth int, seen map[int32]bool) syntax.Node {
	if e.IsNil() || seen[e.ID()] {
		return syntax.Node{}
	}
	seen[e.ID()] = true
	var found syntax.Node
	var uses []syntax.Node
	e.Walk(func(n syntax.Node) bool {
		if !found.IsNil() {
			return false
		}
		if match(n) {
			found = n
			return false
		}
		if sem.IsFunction(n) {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && depth < 4 {
			if p := n.Parent(); p.Is(syntax.KMemberExpression) && n.Field() == syntax.FProperty {
				return true
			}
			uses = append(uses, n)
		}
		return true
	})
	if !found.IsNil() {
		return found
	}
	for _, u := range uses {
		b := fl.local(u)
		if b == nil {
			continue
		}
		if d := fl.reaching(b, u.Start()); !d.IsNil() {
			if s := fl.sourceDepth(d, match, depth+1, seen); !s.IsNil() {
				return s
			}
		}
	}
	return syntax.Node{}
}

// copyOf follows e through plain copies between locals (b = a) and
// returns the expression whose value e holds unchanged.
func (fl *localFlow) copyOf(e syntax.Node) syntax.Node {
	for i := 0; i < 8; i++ {
		e = e.Unparen()
		if !e.Is(syntax.KIdentifier) {
			return e
		}
		b := fl.local(e)
		if b == nil {
			return e
		}
		d := fl.reaching(b, e.Start())
		if d.IsNil() {
			return e
		}
		e = d
	}
	return e
}

// awaitsWithin returns fn's awaits that start at or after from and end at or
// before to.
func awaitsWithin(fn *sem.Func, from, to uint32) []syntax.Node {
	var out []syntax.Node
	for _, w := range fn.Awaits {
		if w.Start() >= from && w.End() <= to {
			out = append(out, w)
		}
	}
	return out
}

// sharedAwait reports whether an await waits for a promise that every
// caller shares: a promise kept in shared state (await this.ready,
// await pending.get(k)) or a dynamic import (the module is loaded once).
// Concurrent callers that await it get the same value.
func sharedAwait(f *sem.File, fn *sem.Func, w syntax.Node) bool {
	if !w.Is(syntax.KAwaitExpression) {
		return false
	}
	e := w.NamedChild(0).Unparen()
	if e.Is(syntax.KCallExpression) && e.Child(syntax.FFunction).Is(syntax.KImport) {
		return true
	}
	if _, ok := sharedSlot(f, fn, e, false); ok {
		return true
	}
	if _, ok := sharedEntry(f, fn, e); ok {
		return true
	}
	return false
}

func runSharedState(p *analysis.Pass) {
	f := p.File
	flows := map[*sem.Func]*localFlow{}
	flowOf := func(fn *sem.Func) *localFlow {
		fl := flows[fn]
		if fl == nil {
			fl = newLocalFlow(f, fn)
			flows[fn] = fl
		}
		return fl
	}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression, syntax.KCallExpression, syntax.KUpdateExpression) {
			return true
		}
		checkLateResource(p, n)
		fn := f.FuncAt(n)
		if fn == nil || !fn.Async || len(fn.Awaits) == 0 {
			return true
		}
		if _, locked := f.LockAt(n); locked {
			return true
		}
		checkSharedWrite(p, flowOf(fn), n)
		return true
	})
}

// arithmetic compound assignments read their target before evaluating the
// right side.
var readModifyWriteOps = map[string]bool{
	"+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true,
	"<<=": true, ">>=": true, ">>>=": true, "&=": true, "|=": true, "^=": true,
}

func checkSharedWrite(p *analysis.Pass, fl *localFlow, n syntax.Node) {
	f, fn := fl.f, fl.fn
	var target stateRef
	var value syntax.Node
	var ok bool
	switch {
	case n.Is(syntax.KUpdateExpression):
		if target, ok = sharedSlot(f, fn, n.Child(syntax.FArgument), true); ok {
			checkStaleBound(p, fl, n, target, strings.HasPrefix(strings.TrimSpace(n.Operator()), "+"))
		}
		return
	case n.Is(syntax.KCallExpression):
		if checkSetAdd(p, fl, n) {
			return
		}
		target, value, ok = stateMapSet(f, fn, n)
	default:
		left := n.Child(syntax.FLeft)
		value = n.Child(syntax.FRight)
		if left.Unparen().Is(syntax.KSubscriptExpression) {
			target, ok = sharedEntry(f, fn, left)
		} else {
			target, ok = sharedSlot(f, fn, left, true)
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
		ws := awaitsWithin(fn, value.Start(), value.End())
		if len(ws) == 0 {
			if !target.keyed && (op == "+=" || op == "-=") {
				checkStaleBound(p, fl, n, target, op == "+=")
			}
			return
		}
		p.Report(n, fmt.Sprintf("%s is read, then the await at line %d yields before %s writes it back: an update another call makes during the await is lost",
			target.name(), ws[0].Line(), op), "",
			p.At(ws[0], "the await between the read and the write"))
		return
	case op == "??=" || op == "||=" || op == "&&=":
		if !target.keyed {
			return // a single slot: async-init-race
		}
		ws := awaitsWithin(fn, value.Start(), value.End())
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
	if target.keyed {
		checkGetOrCreate(p, fl, n, target, value)
	}
}

// checkReadModifyWrite reports a write whose value derives from a read of
// the same state made before an await: x = before + size after
// const before = x; await ...
func checkReadModifyWrite(p *analysis.Pass, fl *localFlow, write syntax.Node, target stateRef, value syntax.Node) bool {
	f, fn := fl.f, fl.fn
	read := fl.source(value, func(n syntax.Node) bool {
		return isStateRead(f, fn, n, target) && len(awaitsWithin(fn, n.End(), write.End())) > 0
	})
	if read.IsNil() {
		return false
	}
	// Scratch space of iteration callbacks that no run can see another
	// run write: overwriting it loses nothing anyone reads.
	if target.root != nil && !target.root.ModuleLevel() && f.ScratchOfIteration(fn, target.root) {
		return true
	}
	// x = { ...x, ...computed } merges into the value x has now: a fresh read
	// after the last await means concurrent updates are kept, not lost.
	fresh := false
	stateReads(f, fn, value, target, func(n syntax.Node) bool {
		if len(awaitsWithin(fn, n.End(), write.End())) == 0 {
			fresh = true
			return false
		}
		return true
	})
	if fresh {
		return true
	}
	// const saved = x; x = other; ... await ...; x = saved restores the old
	// value: nothing is computed from it.
	if fl.copyOf(value) == read {
		return true
	}
	ws := awaitsWithin(fn, read.End(), write.End())
	last := ws[len(ws)-1]
	// A compare-and-set after the await (if (x === before) x = ...) is safe.
	for _, g := range f.Guards(write) {
		if g.Cond.Start() < last.End() {
			continue
		}
		fresh := false
		stateReads(f, fn, g.Cond, target, func(syntax.Node) bool { fresh = true; return false })
		if fresh {
			return true
		}
	}
	p.Report(write, fmt.Sprintf("%s is read at line %d, the await at line %d yields, and the value written here is computed from that earlier read: an update another call makes during the await is lost",
		target.name(), read.Line(), ws[0].Line()), "",
		p.At(read, fmt.Sprintf("%s read here", target.name())),
		p.At(ws[0], "the await between the read and the write"))
	return true
}

// checkGetOrCreate reports a keyed cache filled after an await when the
// entry was found missing before it: if (!cache[k]) cache[k] = await load(k).
func checkGetOrCreate(p *analysis.Pass, fl *localFlow, write syntax.Node, target stateRef, value syntax.Node) {
	f, fn := fl.f, fl.fn
	var check syntax.Node
	for _, g := range f.Guards(write) {
		if entryMissingGuard(fl, g, target) {
			check = g.Cond
		}
	}
	if check.IsNil() {
		return
	}
	ws := awaitsWithin(fn, check.End(), write.End())
	var real []syntax.Node
	for _, w := range ws {
		if !sharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return
	}
	// The value must come from the awaited work.
	src := fl.source(value, func(n syntax.Node) bool {
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
		if g.Cond.Start() >= last.End() && mentionsEntry(fl, g.Cond, target) {
			return
		}
	}
	reportGetOrCreate(p, target, write, check, src)
}

func reportGetOrCreate(p *analysis.Pass, target stateRef, write, check, await syntax.Node) {
	related := []analysis.Related{}
	if check != write {
		related = append(related, p.At(check, fmt.Sprintf("%s found missing here", target.name())))
	}
	related = append(related, p.At(await, "the await between the check and the fill"))
	p.Report(write, fmt.Sprintf("%s is checked at line %d and filled after the await at line %d: concurrent calls for the same key all miss, all run the work, and each overwrites the entry",
		target.name(), check.Line(), await.Line()),
		"Store the promise in the cache before awaiting it (cache.set(key, promise)), so concurrent callers share one load; drop it again if it rejects.",
		related...)
}

func allSharedAwaits(f *sem.File, fn *sem.Func, ws []syntax.Node) bool {
	for _, w := range ws {
		if !sharedAwait(f, fn, w) {
			return false
		}
	}
	return true
}

// entryMissingGuard reports whether guard g lets the write run only when the
// entry of target is missing: if (!cache[k]) ..., if (m.has(k)) return ...,
// if (v === undefined) ... with v = m.get(k).
func entryMissingGuard(fl *localFlow, g sem.Guard, target stateRef) bool {
	if g.Kind == sem.GuardTry {
		return false
	}
	pol, ok := entryTest(fl, g.Cond, target)
	if !ok {
		return false
	}
	// pol: true when the condition being true means "present".
	return pol == g.Negated
}

// entryTest finds a presence test of target's entry in cond and reports
// whether cond being true means the entry is present.
func entryTest(fl *localFlow, cond syntax.Node, target stateRef) (present bool, ok bool) {
	return sem.PresenceTest(cond, func(e syntax.Node) (bool, bool) { return entryLeaf(fl, e.Unparen(), target) })
}

// entryLeaf recognises a direct test of target's entry: cache[k],
// cache.get(k), cache.has(k), k in cache, cache.hasOwnProperty(k),
// Object.hasOwn(cache, k), or a local holding cache.get(k).
func entryLeaf(fl *localFlow, cond syntax.Node, target stateRef) (present bool, ok bool) {
	switch {
	case cond.Is(syntax.KBinaryExpression) && cond.Operator() == "in":
		l, r := cond.Child(syntax.FLeft), cond.Child(syntax.FRight)
		c, ok := sharedSlot(fl.f, fl.fn, r, false)
		if ok && target.sameBase(c) && stateKeyText(l) == stateKeyText(target.key) {
			return true, true
		}
		return false, false
	case cond.Is(syntax.KCallExpression):
		if e, ok := sharedEntry(fl.f, fl.fn, cond); ok && e.same(target) {
			return true, true
		}
		// cache.hasOwnProperty(k), Object.hasOwn(cache, k)
		callee := cond.Child(syntax.FFunction).Unparen()
		args := callArgs(cond)
		if callee.Is(syntax.KMemberExpression) {
			switch callee.Child(syntax.FProperty).Text() {
			case "hasOwnProperty":
				if len(args) == 1 {
					c, ok := sharedSlot(fl.f, fl.fn, callee.Child(syntax.FObject), false)
					if ok && target.sameBase(c) && stateKeyText(args[0]) == stateKeyText(target.key) {
						return true, true
					}
				}
			case "hasOwn":
				if len(args) == 2 {
					c, ok := sharedSlot(fl.f, fl.fn, args[0], false)
					if ok && target.sameBase(c) && stateKeyText(args[1]) == stateKeyText(target.key) {
						return true, true
					}
				}
			}
		}
		return false, false
	case cond.Is(syntax.KSubscriptExpression):
		if e, ok := sharedEntry(fl.f, fl.fn, cond); ok && e.same(target) {
			return true, true
		}
	case cond.Is(syntax.KIdentifier):
		// const hit = cache.get(k); if (!hit) ...
		if b := fl.local(cond); b != nil {
			if d := fl.reaching(b, cond.Start()); !d.IsNil() {
				if e, ok := sharedEntry(fl.f, fl.fn, d); ok && e.same(target) {
					return true, true
				}
			}
		}
	}
	return false, false
}

// mentionsEntry reports whether cond tests target's entry in any way.
func mentionsEntry(fl *localFlow, cond syntax.Node, target stateRef) bool {
	if _, ok := entryTest(fl, cond, target); ok {
		return true
	}
	found := false
	stateReads(fl.f, fl.fn, cond, target, func(syntax.Node) bool { found = true; return false })
	return found
}

// callArgs returns a call's arguments without the comments between them.
func callArgs(call syntax.Node) []syntax.Node {
	args := models.Args(call)
	out := args[:0:0]
	for _, a := range args {
		if !a.Is(syntax.KComment) {
			out = append(out, a)
		}
	}
	return out
}

// checkStaleBound reports a counter moved towards a bound that was checked
// before an await: if (active < max) { await ...; active++ }. Calls that
// pass the check together all move it, past the bound (a concurrency
// limit overshoots, a quota is exceeded). up tells an increment from a
// decrement.
func checkStaleBound(p *analysis.Pass, fl *localFlow, write syntax.Node, target stateRef, up bool) {
	f, fn := fl.f, fl.fn
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
	for _, w := range awaitsWithin(fn, check.End(), write.Start()) {
		if !sharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return
	}
	last := real[len(real)-1]
	for _, g := range f.Guards(write) {
		if g.Cond.Start() < last.End() {
			continue
		}
		fresh := false
		stateReads(f, fn, g.Cond, target, func(syntax.Node) bool { fresh = true; return false })
		if fresh {
			return // checked again after the await
		}
	}
	p.Report(write, fmt.Sprintf("%s is checked against its bound at line %d, the await at line %d yields, and only then is it changed here: calls that pass the check together all change it, past the bound",
		target.name(), check.Line(), real[0].Line()),
		"Change the counter in the same synchronous step as the check (reserve before the await, give back on failure), or re-check it in a loop after the await.",
		p.At(check, fmt.Sprintf("%s checked here", target.name())),
		p.At(real[0], "the await between the check and the change"))
}

// boundsTarget reports whether cond, holding (or, when negated, failing),
// says target is below a bound (up) or above one (!up): x < max, max > x,
// !(x >= max), and such tests joined by &&.
func boundsTarget(fl *localFlow, cond syntax.Node, target stateRef, up, negated bool) bool {
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
	isT := func(e syntax.Node) bool { return isStateRead(fl.f, fl.fn, e.Unparen(), target) }
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
func checkSetAdd(p *analysis.Pass, fl *localFlow, call syntax.Node) bool {
	f, fn := fl.f, fl.fn
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "add" {
		return false
	}
	args := callArgs(call)
	if len(args) != 1 {
		return false
	}
	c, ok := sharedSlot(f, fn, callee.Child(syntax.FObject), false)
	if !ok || !setContainer(f, fn, c) {
		return false
	}
	c.node, c.key, c.keyed = call, args[0], true
	var check syntax.Node
	for _, g := range f.Guards(call) {
		if g.Kind == sem.GuardTry {
			continue
		}
		if pol, ok := sem.PresenceTest(g.Cond, func(e syntax.Node) (bool, bool) { return setHas(fl, e.Unparen(), c) }); ok && pol == g.Negated {
			check = g.Cond
			break
		}
	}
	if check.IsNil() {
		return true
	}
	var real []syntax.Node
	for _, w := range awaitsWithin(fn, check.End(), call.Start()) {
		if !sharedAwait(f, fn, w) {
			real = append(real, w)
		}
	}
	if len(real) == 0 {
		return true
	}
	last := real[len(real)-1]
	for _, g := range f.Guards(call) {
		if g.Cond.Start() >= last.End() {
			if _, ok := sem.PresenceTest(g.Cond, func(e syntax.Node) (bool, bool) { return setHas(fl, e.Unparen(), c) }); ok {
				return true
			}
		}
	}
	p.Report(call, fmt.Sprintf("%s is checked at line %d and added only after the await at line %d: calls that arrive in between all find it absent and all go on",
		c.name(), check.Line(), real[0].Line()),
		"Add the entry in the same synchronous step as the check, before the first await, and delete it when the work settles.",
		p.At(check, fmt.Sprintf("%s found absent here", c.name())),
		p.At(real[0], "the await between the check and the add"))
	return true
}

// setHas recognises s.has(k) on the container of entry c.
func setHas(fl *localFlow, e syntax.Node, c stateRef) (bool, bool) {
	if !e.Is(syntax.KCallExpression) {
		return false, false
	}
	callee := e.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "has" {
		return false, false
	}
	args := callArgs(e)
	if len(args) != 1 || stateKeyText(args[0]) != stateKeyText(c.key) {
		return false, false
	}
	s, ok := sharedSlot(fl.f, fl.fn, callee.Child(syntax.FObject), false)
	if !ok || !s.sameBase(c) {
		return false, false
	}
	return true, true
}

// setContainer reports whether a shared slot holds an in-process Set.
func setContainer(f *sem.File, fn *sem.Func, c stateRef) bool {
	isSet := func(e syntax.Node) bool {
		e = e.Unparen()
		if e.Is(syntax.KNewExpression) {
			return e.Child(syntax.FConstructor).Text() == "Set"
		}
		if e.Is(syntax.KGenericType) {
			return e.Child(syntax.FName).Text() == "Set"
		}
		found := false
		e.Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KGenericType) && n.Child(syntax.FName).Text() == "Set" {
				found = true
			}
			return !found
		})
		return found
	}
	switch {
	case c.root != nil && c.base == c.root.Name:
		d := c.root.Decl.Parent()
		if !d.Is(syntax.KVariableDeclarator) {
			return false
		}
		v, t := d.Child(syntax.FValue), d.Child(syntax.FType)
		return !v.IsNil() && isSet(v) || !t.IsNil() && isSet(t)
	case c.root == nil && strings.Count(c.base, ".") == 1:
		var cls syntax.Node
		for g := fn; g != nil; g = g.Outer {
			if !g.Class.IsNil() {
				cls = g.Class
				break
			}
		}
		return sem.FieldHolds(cls.Child(syntax.FBody), strings.TrimPrefix(c.base, "this."), isSet, isSet)
	}
	return false
}
