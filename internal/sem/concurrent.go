package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file answers which variables two runs of an async function can
// share, and when one run can observe what another wrote: the two questions
// behind every in-process race.

// IterationCallback reports whether fn is a callback started once per
// element of an array (items.map(async ...), forEach, flatMap): the runs
// start one after another in one synchronous pass and then interleave at
// their awaits.
func IterationCallback(fn *Func) bool {
	call := CallbackOf(fn.Node)
	if call.IsNil() {
		return false
	}
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) {
		return false
	}
	switch callee.Child(syntax.FProperty).Text() {
	case "map", "flatMap", "forEach":
		return true
	}
	return false
}

// CapturedShared reports whether variable b, declared outside fn in an
// enclosing function, is shared by runs of fn that can overlap: fn is an
// iteration callback of the function that declares b, or fn (or the
// function it is nested in below b's owner) escapes that owner (it is
// returned, alone or in a returned object, as a factory's product), so
// its callers can run it many times concurrently over the same closure.
func (f *File) CapturedShared(fn *Func, b *Binding) bool {
	if b == nil || b.ModuleLevel() || b.Decl.IsNil() || fn.Node.Contains(b.Decl) {
		return false
	}
	owner := f.FuncAt(b.Decl)
	if owner == nil {
		return false
	}
	if IterationCallback(fn) && fn.Outer == owner {
		return true
	}
	// The function directly inside the owner on the way to fn.
	inner := fn
	for inner.Outer != nil && inner.Outer != owner {
		inner = inner.Outer
	}
	if inner.Outer != owner {
		return false
	}
	return f.escapes(owner, inner) && f.productsShared(owner)
}

// productsShared reports whether what the factory owner returns can be
// reached by calls that overlap: the factory is called at module level, its
// product is stored in shared state (a module variable, a field of this),
// or it is not called in this file at all (its callers are elsewhere and
// keep what it returns). A factory whose every call here keeps its product
// in a local of the calling function makes one product per call, used by
// that call alone.
func (f *File) productsShared(owner *Func) bool {
	f.productsMu.Lock()
	defer f.productsMu.Unlock()
	if v, ok := f.products[owner]; ok {
		return v
	}
	shared, calls := false, 0
	if f.project != nil {
		f.Root().Walk(func(n syntax.Node) bool {
			if shared || !n.Is(syntax.KCallExpression) {
				return !shared
			}
			if cf, fn := f.project.ResolveCall(f, n); cf != f || fn != owner {
				return true
			}
			calls++
			if f.productEscapes(n) {
				shared = true
			}
			return !shared
		})
	}
	v := shared || calls == 0
	if f.products == nil {
		f.products = map[*Func]bool{}
	}
	f.products[owner] = v
	return v
}

// productEscapes reports whether the value of call is kept beyond the
// calling function's run: the call is at module level, or its value is
// assigned to a field of this or a module-level variable, or returned.
func (f *File) productEscapes(call syntax.Node) bool {
	if f.FuncAt(call) == nil {
		return true
	}
	e := call
	for p := e.Parent(); p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KAwaitExpression); p = e.Parent() {
		e = p
	}
	p := e.Parent()
	switch {
	case p.Is(syntax.KReturnStatement):
		return true
	case p.Is(syntax.KArrowFunction) && e.Field() == syntax.FBody:
		return true
	case p.Is(syntax.KAssignmentExpression) && e.Field() == syntax.FRight:
		l := p.Child(syntax.FLeft).Unparen()
		for l.Is(syntax.KMemberExpression) {
			l = l.Child(syntax.FObject).Unparen()
		}
		if l.Is(syntax.KThis) {
			return true
		}
		b := f.Resolve(l)
		return b != nil && b.ModuleLevel()
	case p.Is(syntax.KVariableDeclarator):
		return false
	}
	if p.Is(syntax.KArguments) {
		// Handed to a call this function awaits: lent for that call's
		// run. Handed to anything else, which may keep it.
		return !awaitedOrReturned(p.Parent()) || p.Parent().Parent().Is(syntax.KReturnStatement)
	}
	return p.Is(syntax.KPair, syntax.KArray)
}

// escapes reports whether the function inner, defined in owner, leaves it
// as (part of) owner's return value: return async () => ..., return {
// run: async () => ... }, const run = async () => ...; return { run }.
func (f *File) escapes(owner, inner *Func) bool {
	var names []*Binding
	if d := inner.Node.Parent(); d.Is(syntax.KVariableDeclarator) && inner.Node.Field() == syntax.FValue {
		if b := f.Resolve(d.Child(syntax.FName)); b != nil {
			names = append(names, b)
		}
	}
	if inner.Node.Is(syntax.KFunctionDeclaration) {
		if b := f.Resolve(inner.Node.Child(syntax.FName)); b != nil {
			names = append(names, b)
		}
	}
	is := func(e syntax.Node) bool {
		e = e.Unparen()
		if e == inner.Node {
			return true
		}
		if e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
			r := f.Resolve(e)
			for _, b := range names {
				if r == b {
					return true
				}
			}
		}
		return false
	}
	for _, r := range owner.Returns {
		r = r.Unparen()
		if is(r) {
			return true
		}
		if r.Is(syntax.KObject) {
			for _, m := range r.NamedChildren() {
				switch {
				case m.Is(syntax.KPair) && is(m.Child(syntax.FValue)):
					return true
				case m.Is(syntax.KShorthandPropertyIdentifier) && is(m):
					return true
				case m == inner.Node: // a method of the returned object
					return true
				}
			}
		}
	}
	return false
}

// ScratchOfIteration reports whether the variable b, captured by the
// iteration callback fn, is scratch space no run can observe another run
// write: the owner reads b nowhere after starting the callbacks and no
// other function uses it, and every read of b in fn comes before fn's first
// await (all runs pass it in the first synchronous pass, and every write
// comes after an await) or after fn's own write with no await in between.
// A lost update on such a variable changes nothing anyone sees.
func (f *File) ScratchOfIteration(fn *Func, b *Binding) bool {
	if !IterationCallback(fn) || fn.Outer == nil || fn.Body.IsNil() {
		return false
	}
	for _, w := range fn.Awaits {
		if fn.InLoop(w) {
			return false
		}
	}
	start := CallbackOf(fn.Node).Start()
	var writes []syntax.Node
	var reads []syntax.Node
	ok := true
	f.Root().Walk(func(n syntax.Node) bool {
		if !ok {
			return false
		}
		if !n.Is(syntax.KIdentifier) || f.Resolve(n) != b || n == b.Decl {
			return true
		}
		in := f.FuncAt(n)
		switch {
		case in == fn:
			if isWriteTarget(n) {
				writes = append(writes, n)
			} else {
				reads = append(reads, n)
			}
		case in == fn.Outer:
			if n.Start() >= start {
				ok = false // read or written again once the runs have started
			}
		default:
			ok = false
		}
		return true
	})
	if !ok {
		return false
	}
	for _, w := range writes {
		if awaitsBefore(fn, w) == 0 {
			return false // a later run's first pass would see it
		}
	}
	for _, r := range reads {
		if awaitsBefore(fn, r) == 0 {
			continue
		}
		var last syntax.Node
		for _, w := range writes {
			if w.End() <= r.Start() {
				last = w
			}
		}
		if last.IsNil() || len(fn.AwaitsBetween(last, r)) > 0 {
			return false
		}
	}
	return true
}

// awaitsBefore counts fn's awaits that end before n starts.
func awaitsBefore(fn *Func, n syntax.Node) int {
	c := 0
	for _, w := range fn.Awaits {
		if w.End() <= n.Start() {
			c++
		}
	}
	return c
}

// isWriteTarget reports whether identifier n is the root of the target of a
// plain assignment (x = ..., x.a.b = ...).
func isWriteTarget(n syntax.Node) bool {
	e := n
	for e.Parent().Is(syntax.KMemberExpression) && e.Field() == syntax.FObject {
		e = e.Parent()
	}
	return e.Field() == syntax.FLeft && e.Parent().Is(syntax.KAssignmentExpression)
}

// ChangesExternalState reports whether a call changes state outside the
// process: a write to any store, an HTTP request that is not a read (a
// POST for a token grant, a registration), made by the call itself or by
// the project helpers it runs (followed a few levels deep). Running such a
// call once per concurrent caller multiplies its effects; a read-only
// request run twice only reads twice.
func (f *File) ChangesExternalState(call syntax.Node) bool {
	return f.changesExternalState(call, helperDepth, nil)
}

// changesExternalState is ChangesExternalState for a call made where the
// parameters of the function it is in have the values in (nil: unknown):
// what a helper does in a branch its arguments rule out does not count
// (apiHandler(url) whose method defaults to "get" only reads).
func (f *File) changesExternalState(call syntax.Node, budget int, in *ArgValues) bool {
	if budget <= 0 || !call.Is(syntax.KCallExpression) {
		return false
	}
	if a, ok := f.storeAccess(call, helperDepth, in); ok && a.Op.Effect() == models.Write {
		return true
	}
	if f.project == nil {
		return false
	}
	hf, fn := f.project.ResolveCall(f, call)
	av := argValuesOf(f, call, fn, in)
	return f.project.calleeCalls(hf, fn, func(n syntax.Node) bool {
		return av.Live(hf, n) && hf.changesExternalState(n, budget-1, av)
	})
}

// CalleeCalls resolves the project function call invokes and reports
// whether visit holds for any call in its body, with the file of that
// body. Nested functions count (a callback given to a call may run as part
// of it), except those kept as an object's members ({ onFlag: async () =>
// ... }, handed out for someone else to call later) or a class's.
func (p *Project) CalleeCalls(f *File, call syntax.Node, visit func(*File, syntax.Node) bool) bool {
	if p == nil {
		return false
	}
	hf, fn := p.ResolveCall(f, call)
	return p.calleeCalls(hf, fn, func(n syntax.Node) bool { return visit(hf, n) })
}

// calleeCalls is CalleeCalls for a resolved function hf's fn.
func (p *Project) calleeCalls(hf *File, fn *Func, visit func(syntax.Node) bool) bool {
	if fn == nil || fn.Body.IsNil() {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if n != fn.Body && IsFunction(n) && memberFunction(n) {
			return false
		}
		if !found && n.Is(syntax.KCallExpression) && visit(n) {
			found = true
		}
		return !found
	})
	return found
}

// memberFunction reports a function that is a member of an object literal
// or a class: a method, or the value of a property or field.
func memberFunction(fn syntax.Node) bool {
	if fn.Is(syntax.KMethodDefinition) {
		return true
	}
	p := fn.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	return p.Is(syntax.KPair, syntax.KPublicFieldDefinition) && p.Child(syntax.FValue).Unparen() == fn
}

// ParallelEach returns the call that runs async function fn for every item
// at once: items.forEach(fn), or items.map(fn) handed to Promise.all.
func ParallelEach(fn *Func) syntax.Node {
	call := CallbackOf(fn.Node)
	if call.IsNil() {
		return syntax.Node{}
	}
	chain, m := models.Callee(call)
	if len(chain) == 0 {
		return syntax.Node{}
	}
	if args := models.Args(call); len(args) == 0 || args[0].Unparen() != fn.Node {
		return syntax.Node{}
	}
	switch m {
	case "forEach":
		return call
	case "map", "flatMap":
		outer := call.Parent()
		for outer.Is(syntax.KParenthesizedExpression) {
			outer = outer.Parent()
		}
		if !outer.Is(syntax.KArguments) {
			return syntax.Node{}
		}
		if _, st, ok := models.PromiseStaticCall(outer.Parent()); ok && st.WaitsForEvery {
			return outer.Parent()
		}
	}
	return syntax.Node{}
}
