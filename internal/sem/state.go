package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// In-process shared state: what outlives one call of a function and so can
// be seen by a concurrent call of it: module-level variables, instance
// fields (this.x in a class), and variables of an enclosing function that
// overlapping runs capture (see CapturedShared). The helpers below name
// such state, its entries and presence tests, and find its reads; Flow
// follows values through a function's locals.

// StateRef is a reference to shared state: a slot (x, this.client,
// stats.total) or an entry of a shared container (cache[k], map.get(k)).
type StateRef struct {
	Node  syntax.Node // the reference as written
	Base  string      // canonical text of the slot, or of the container
	Root  *Binding    // binding of the root identifier; nil for this
	Key   syntax.Node // the key of an entry
	Keyed bool
}

// Name is the reference for messages: "totalBytes", "sessions[id]".
func (r StateRef) Name() string {
	if r.Keyed {
		return r.Base + "[" + KeyText(r.Key) + "]"
	}
	return r.Base
}

// Same reports whether two references name the same state.
func (r StateRef) Same(o StateRef) bool {
	if r.Base != o.Base || r.Root != o.Root || r.Keyed != o.Keyed {
		return false
	}
	return !r.Keyed || KeyText(r.Key) == KeyText(o.Key)
}

// SameBase reports whether o is an entry of r's container (or r itself).
func (r StateRef) SameBase(o StateRef) bool { return r.Base == o.Base && r.Root == o.Root }

// SharedSlot classifies e as a slot of shared state: a module-level
// variable, a field of this in a class method, a property path of a
// module-level object, or a variable captured by an async callback that runs
// once per element of an iteration. assignable asks for a slot that can be
// written as a whole (a plain variable must then be let or var).
func SharedSlot(f *File, fn *Func, e syntax.Node, assignable bool) (StateRef, bool) {
	e = e.Unparen()
	ref := StateRef{Node: e}
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
		if len(parts) == 0 || !InstanceThis(fn) || f.PerCallInstance(fn) {
			return ref, false
		}
		head = "this"
	case n.Is(syntax.KIdentifier):
		b := f.Resolve(n)
		if b == nil || !sharedBinding(f, fn, b) {
			return ref, false
		}
		if len(parts) == 0 {
			if assignable && b.Kind != BLet && b.Kind != BVar {
				return ref, false
			}
		} else if b.Kind == BFunction || b.Kind == BClass {
			return ref, false
		}
		ref.Root = b
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
	ref.Base = sb.String()
	return ref, true
}

// SharedEntry classifies e as an entry of a shared container: cache[k], or
// (for calls) map.get(k) / map.has(k). It returns the container's slot with
// the key set.
func SharedEntry(f *File, fn *Func, e syntax.Node) (StateRef, bool) {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KSubscriptExpression):
		c, ok := SharedSlot(f, fn, e.Child(syntax.FObject), false)
		if !ok {
			return c, false
		}
		c.Node, c.Key, c.Keyed = e, e.Child(syntax.FIndex), true
		return c, !c.Key.IsNil()
	case e.Is(syntax.KCallExpression):
		callee := e.Child(syntax.FFunction).Unparen()
		if !callee.Is(syntax.KMemberExpression) {
			return StateRef{}, false
		}
		switch callee.Child(syntax.FProperty).Text() {
		case "get", "has":
		default:
			return StateRef{}, false
		}
		args := models.Args(e)
		if len(args) != 1 {
			return StateRef{}, false
		}
		c, ok := SharedSlot(f, fn, callee.Child(syntax.FObject), false)
		if !ok || !MemoryContainer(f, fn, c) {
			return c, false
		}
		c.Node, c.Key, c.Keyed = e, args[0], true
		return c, true
	}
	return StateRef{}, false
}

// SharedMapSet recognises container.set(key, value) on shared state and returns
// the entry and the value.
func SharedMapSet(f *File, fn *Func, call syntax.Node) (StateRef, syntax.Node, bool) {
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "set" {
		return StateRef{}, syntax.Node{}, false
	}
	args := models.Args(call)
	if len(args) != 2 {
		return StateRef{}, syntax.Node{}, false
	}
	c, ok := SharedSlot(f, fn, callee.Child(syntax.FObject), false)
	if !ok || !MemoryContainer(f, fn, c) {
		return c, syntax.Node{}, false
	}
	c.Node, c.Key, c.Keyed = call, args[0], true
	return c, args[1], true
}

// MemoryContainer reports whether a shared slot holds an in-process keyed
// container (a Map, an LRU cache, a Record), so that its get/set calls
// touch this process's memory and not an external store: the variable or
// class field is created by such a constructor or declared with such a type.
func MemoryContainer(f *File, fn *Func, c StateRef) bool {
	switch {
	case c.Root != nil && c.Base == c.Root.Name:
		d := c.Root.Decl.Parent()
		if !d.Is(syntax.KVariableDeclarator) {
			return false
		}
		return memoryInit(d.Child(syntax.FValue)) || memoryType(d.Child(syntax.FType))
	case c.Root == nil && strings.Count(c.Base, ".") == 1:
		name := strings.TrimPrefix(c.Base, "this.")
		var cls syntax.Node
		for g := fn; g != nil; g = g.Outer {
			if !g.Class.IsNil() {
				cls = g.Class
				break
			}
		}
		return FieldHolds(cls.Child(syntax.FBody), name, memoryType, memoryInit)
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

// InstanceThis reports whether this, inside fn, is the instance (or class) of
// a class method: fn is a method or field initialiser, or an arrow function
// nested in one.
func InstanceThis(fn *Func) bool {
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
func sharedBinding(f *File, fn *Func, b *Binding) bool {
	switch b.Kind {
	case BVar, BLet, BConst, BImport:
	default:
		return false
	}
	if b.ModuleLevel() {
		return true
	}
	return b.Kind != BImport && f.CapturedShared(fn, b)
}

// KeyText is the text of a key expression with spacing and quoting folded.
func KeyText(n syntax.Node) string {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KString):
		if s, ok := StringValue(n); ok {
			return `"` + s + `"`
		}
	case n.Is(syntax.KMemberExpression):
		return KeyText(n.Child(syntax.FObject)) + "." + n.Child(syntax.FProperty).Text()
	}
	return strings.Join(strings.Fields(n.Text()), "")
}

// StateReads calls visit for every read of ref in e, outside nested functions
// (which run later), in source order, until visit returns false.
func StateReads(f *File, fn *Func, e syntax.Node, ref StateRef, visit func(syntax.Node) bool) {
	stop := false
	e.Walk(func(n syntax.Node) bool {
		if stop || isFunction(n) {
			return false
		}
		if IsStateRead(f, fn, n, ref) {
			stop = !visit(n)
			return false
		}
		return true
	})
}

// IsStateRead reports whether n itself reads ref.
func IsStateRead(f *File, fn *Func, n syntax.Node, ref StateRef) bool {
	var r StateRef
	var ok bool
	switch {
	case ref.Keyed && n.Is(syntax.KSubscriptExpression, syntax.KCallExpression):
		r, ok = SharedEntry(f, fn, n)
	case !ref.Keyed && n.Is(syntax.KIdentifier):
		if ref.Root == nil || n.Text() != ref.Base || f.Resolve(n) != ref.Root {
			return false
		}
		if n.Field() == syntax.FLeft && n.Parent().Is(syntax.KAssignmentExpression) {
			return false
		}
		return true
	case !ref.Keyed && n.Is(syntax.KMemberExpression):
		if !strings.HasSuffix(ref.Base, n.Child(syntax.FProperty).Text()) {
			return false
		}
		if n.Field() == syntax.FLeft && n.Parent().Is(syntax.KAssignmentExpression) {
			return false
		}
		r, ok = SharedSlot(f, fn, n, false)
	}
	return ok && r.Same(ref)
}

// Flow answers data-flow questions inside one function: which local
// variables an expression depends on, and where they were last assigned.
type Flow struct {
	F    *File                      // the file
	Fn   *Func                      // the function whose locals are followed
	defs map[*Binding][]syntax.Node // assigned values of each local, in source order
}

// NewFlow returns the data flow of fn's locals.
func NewFlow(f *File, fn *Func) *Flow {
	return &Flow{F: f, Fn: fn}
}

// Local returns the binding of an identifier when it is a variable declared
// inside fn (parameters excluded).
func (fl *Flow) Local(id syntax.Node) *Binding {
	b := fl.F.Resolve(id)
	if b == nil || b.Decl.IsNil() || !fl.Fn.Node.Contains(b.Decl) {
		return nil
	}
	switch b.Kind {
	case BLet, BConst, BVar:
		return b
	}
	return nil
}

// Reaching returns the value last assigned to local b before offset at, or
// no node when it is unknown (declared without a value we can see).
func (fl *Flow) Reaching(b *Binding, at uint32) syntax.Node {
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
func (fl *Flow) collectDefs() {
	fl.defs = map[*Binding][]syntax.Node{}
	if fl.Fn.Body.IsNil() {
		return
	}
	fl.Fn.Body.Walk(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KVariableDeclarator):
			name, v := n.Child(syntax.FName), n.Child(syntax.FValue)
			if v.IsNil() {
				return true
			}
			if name.Is(syntax.KIdentifier) {
				if b := fl.Local(name); b != nil {
					fl.defs[b] = append(fl.defs[b], v)
				}
			} else {
				// const { a, b } = value: each name derives from value.
				name.Walk(func(m syntax.Node) bool {
					if m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
						if b := fl.F.Resolve(m); b != nil && b.Decl == m {
							fl.defs[b] = append(fl.defs[b], v)
						}
					}
					return true
				})
			}
		case n.Is(syntax.KAssignmentExpression):
			if l := n.Child(syntax.FLeft).Unparen(); l.Is(syntax.KIdentifier) {
				if b := fl.Local(l); b != nil {
					fl.defs[b] = append(fl.defs[b], n.Child(syntax.FRight))
				}
			}
		}
		return true
	})
}

// Source finds, in e or in the values of the locals e uses (followed
// through up to four assignments), the first node for which match holds.
func (fl *Flow) Source(e syntax.Node, match func(syntax.Node) bool) syntax.Node {
	return fl.sourceDepth(e, match, 0, map[int32]bool{})
}

func (fl *Flow) sourceDepth(e syntax.Node, match func(syntax.Node) bool, depth int, seen map[int32]bool) syntax.Node {
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
		if isFunction(n) {
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
		b := fl.Local(u)
		if b == nil {
			continue
		}
		if d := fl.Reaching(b, u.Start()); !d.IsNil() {
			if s := fl.sourceDepth(fl.branchAt(d, u), match, depth+1, seen); !s.IsNil() {
				return s
			}
		}
	}
	return syntax.Node{}
}

// branchAt narrows a local's definition d to the value it has at use:
// when d chooses on a condition (v = c ? a : b) and use sits where an if
// that tests the same condition, after d, has decided it, only the branch
// taken reaches use: v = body.x != null ? body.x : state.x; then
// if (body.x != null) state.x = v writes body.x. The condition must be
// free of calls and writes, so that testing it again gives the same answer.
func (fl *Flow) branchAt(d, use syntax.Node) syntax.Node {
	t := d.Unparen()
	if !t.Is(syntax.KTernaryExpression) {
		return d
	}
	cond := t.Child(syntax.FCondition).Unparen()
	if !stableCondition(cond) {
		return d
	}
	want := strings.Join(strings.Fields(cond.Text()), "")
	for a := use.Parent(); !a.IsNil() && a != fl.Fn.Node; a = a.Parent() {
		if !a.Is(syntax.KIfStatement) || a.Start() < d.End() {
			continue
		}
		if strings.Join(strings.Fields(a.Child(syntax.FCondition).Unparen().Text()), "") != want {
			continue
		}
		if a.Child(syntax.FConsequence).Contains(use) {
			return t.Child(syntax.FConsequence)
		}
		if alt := a.Child(syntax.FAlternative); !alt.IsNil() && alt.Contains(use) {
			return t.Child(syntax.FAlternative)
		}
	}
	return d
}

// stableCondition reports a condition made only of names, members,
// literals and operators: no call, await, assignment or update.
func stableCondition(c syntax.Node) bool {
	ok := true
	c.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression, syntax.KNewExpression, syntax.KAwaitExpression, syntax.KAssignmentExpression,
			syntax.KAugmentedAssignmentExpression, syntax.KUpdateExpression) || isFunction(n) {
			ok = false
		}
		return ok
	})
	return ok
}

// CopyOf follows e through plain copies between locals (b = a) and
// returns the expression whose value e holds unchanged.
func (fl *Flow) CopyOf(e syntax.Node) syntax.Node {
	for i := 0; i < 8; i++ {
		e = e.Unparen()
		if !e.Is(syntax.KIdentifier) {
			return e
		}
		b := fl.Local(e)
		if b == nil {
			return e
		}
		d := fl.Reaching(b, e.Start())
		if d.IsNil() {
			return e
		}
		e = d
	}
	return e
}

// AwaitsWithin returns fn's awaits that start at or after from and end at or
// before to.
func AwaitsWithin(fn *Func, from, to uint32) []syntax.Node {
	var out []syntax.Node
	for _, w := range fn.Awaits {
		if w.Start() >= from && w.End() <= to {
			out = append(out, w)
		}
	}
	return out
}

// AwaitsBefore returns the awaits of AwaitsWithin(fn, from, until) that
// execution can pass through on its way to the node to: not in the other
// branch of an if that holds to, and not in a block that returns or throws
// before reaching it.
func AwaitsBefore(fn *Func, from, until uint32, to syntax.Node) []syntax.Node {
	var out []syntax.Node
	for _, w := range AwaitsWithin(fn, from, until) {
		if reaches(w, to) {
			out = append(out, w)
		}
	}
	return out
}

// Reaches reports whether execution can go on from n to the later node
// to of the same function: not when to is in the other branch of an if
// that holds n, nor when n is in a block, or a switch case, that returns,
// throws or breaks out before reaching to.
func Reaches(n, to syntax.Node) bool { return reaches(n, to) }

// reaches reports whether execution can go on from n to the later node
// to of the same function.
func reaches(n, to syntax.Node) bool {
	if exclusive(n, to) {
		return false
	}
	for m, p := n, n.Parent(); !p.IsNil() && !isFunction(p); m, p = p, p.Parent() {
		if p.Is(syntax.KStatementBlock, syntax.KSwitchCase, syntax.KSwitchDefault) && !p.Contains(to) && leavesFunctionFrom(m) {
			return false
		}
		// if (expired) return await this.destroy(id): a branch without a
		// block that returns or throws.
		if p.Is(syntax.KIfStatement, syntax.KElseClause) && m != p.Child(syntax.FCondition) && !p.Contains(to) && leavesFunction(m) {
			return false
		}
		// Another case of the same switch, when this one breaks out
		// before falling through to it.
		if p.Is(syntax.KSwitchCase, syntax.KSwitchDefault) && !p.Contains(to) && p.Parent().Contains(to) && to.Start() > p.End() && breaksFrom(m) {
			return false
		}
	}
	return true
}

// breaksFrom reports whether a statement of a switch case, or one after it
// in the case, always leaves the case: break, return, throw or continue.
func breaksFrom(stmt syntax.Node) bool {
	for s := stmt; !s.IsNil(); s = s.NextSibling() {
		if s.Named() && Exits(s) {
			return true
		}
	}
	return false
}

// leavesFunctionFrom reports whether a statement, or one after it in its
// block, returns or throws whatever path is taken.
func leavesFunctionFrom(stmt syntax.Node) bool {
	for s := stmt; !s.IsNil(); s = s.NextSibling() {
		if s.Named() && leavesFunction(s) {
			return true
		}
	}
	return false
}

// leavesFunction reports a statement that always returns or throws.
func leavesFunction(s syntax.Node) bool {
	switch {
	case s.Is(syntax.KReturnStatement, syntax.KThrowStatement):
		return true
	case s.Is(syntax.KStatementBlock):
		for c := s.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Named() && leavesFunction(c) {
				return true
			}
		}
	case s.Is(syntax.KIfStatement):
		alt := s.Child(syntax.FAlternative)
		return !alt.IsNil() && leavesFunction(s.Child(syntax.FConsequence)) && leavesFunction(alt.NamedChild(0))
	}
	return false
}

// SharedAwait reports whether an await waits for a promise that every
// caller shares: a promise kept in shared state (await this.ready,
// await pending.get(k)) or a dynamic import (the module is loaded once).
// Concurrent callers that await it get the same value.
func SharedAwait(f *File, fn *Func, w syntax.Node) bool {
	if !w.Is(syntax.KAwaitExpression) {
		return false
	}
	e := w.NamedChild(0).Unparen()
	if f.sharedModule(e) {
		return true
	}
	if _, ok := SharedSlot(f, fn, e, false); ok {
		return true
	}
	if _, ok := SharedEntry(f, fn, e); ok {
		return true
	}
	if e.Is(syntax.KCallExpression) && f.project != nil {
		// await getReader(), where getReader returns the promise it keeps
		// in shared state: every caller waits for the same work.
		if tf, tfn := f.project.ResolveCall(f, e); tfn != nil && returnsKeptPromise(tf, tfn) {
			return true
		}
	}
	return false
}

// sharedModule reports a promise of a module that the module system loads
// once, so that every caller gets the same value: a dynamic import, a
// projection of one (import("./m").then((m) => m.job)), Promise.all over
// such promises, or a call of a function that returns one (const
// loadPlotly = () => import("plotly.js"); loaders[name]() over an object
// of such functions).
func (f *File) sharedModule(e syntax.Node) bool { return f.sharedModuleAt(e, 0) }

func (f *File) sharedModuleAt(e syntax.Node, depth int) bool {
	if depth > 4 {
		return false
	}
	e = e.Unparen()
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	if !e.Is(syntax.KCallExpression) {
		return false
	}
	if e.Child(syntax.FFunction).Is(syntax.KImport) {
		return true
	}
	links, base := ChainLinks(e)
	if len(links) > 0 {
		for _, l := range links {
			if models.Method(l) != "then" || !moduleProjection(models.Args(l)) {
				return false
			}
		}
		return f.sharedModuleAt(base, depth)
	}
	if _, st, ok := models.PromiseStaticCall(e); ok && st.WaitsForEvery {
		args := models.Args(e)
		if len(args) != 1 || !args[0].Unparen().Is(syntax.KArray) {
			return false
		}
		elems := args[0].Unparen().NamedChildren()
		for _, el := range elems {
			if !f.sharedModuleAt(el, depth) {
				return false
			}
		}
		return len(elems) > 0
	}
	if f.project == nil {
		return false
	}
	if tf, tfn := f.project.ResolveCall(f, e); tfn != nil {
		return tf.returnsDynamicImport(tfn, depth+1)
	}
	// loaders[name]() or const load = loaders[name]; load(): every member
	// of the object returns a dynamic import.
	callee := e.Child(syntax.FFunction).Unparen()
	if callee.Is(syntax.KIdentifier) {
		if b := f.Resolve(callee); b != nil && b.Kind == BConst && !b.Init.IsNil() {
			callee = b.Init.Unparen()
		}
	}
	if callee.Is(syntax.KSubscriptExpression) {
		obj := objectValue(f, callee.Child(syntax.FObject))
		if obj.IsNil() {
			return false
		}
		n := 0
		for _, c := range obj.NamedChildren() {
			var v syntax.Node
			switch {
			case c.Is(syntax.KPair):
				v = c.Child(syntax.FValue).Unparen()
			case c.Is(syntax.KMethodDefinition):
				v = c
			default:
				return false
			}
			fn := f.FuncOf(v)
			if fn == nil || !f.returnsDynamicImport(fn, depth+1) {
				return false
			}
			n++
		}
		return n > 0
	}
	return false
}

// moduleProjection reports .then arguments that only pick from the
// module they are given: (m) => m, (m) => m.default, ({ job }) => job.
func moduleProjection(args []syntax.Node) bool {
	if len(args) != 1 {
		return false
	}
	cb := args[0].Unparen()
	if !cb.Is(syntax.KArrowFunction) {
		return false
	}
	body := cb.Child(syntax.FBody).Unparen()
	for body.Is(syntax.KMemberExpression) {
		body = body.Child(syntax.FObject).Unparen()
	}
	if !body.Is(syntax.KIdentifier) {
		return false
	}
	param := cb.Child(syntax.FParameter)
	if param.IsNil() {
		if ps := cb.Child(syntax.FParameters).NamedChildren(); len(ps) == 1 {
			param = ps[0]
			if p := param.Child(syntax.FPattern); !p.IsNil() {
				param = p
			}
		}
	}
	if param.Is(syntax.KIdentifier) {
		return param.Text() == body.Text()
	}
	if param.Is(syntax.KObjectPattern) {
		for _, c := range param.NamedChildren() {
			if c.Text() == body.Text() {
				return true
			}
		}
	}
	return false
}

// returnsDynamicImport reports a function that only returns a module
// promise (see sharedModule): the module is loaded once, and every
// caller gets the same module.
func (f *File) returnsDynamicImport(fn *Func, depth int) bool {
	if len(fn.Returns) == 0 {
		return false
	}
	for _, r := range fn.Returns {
		if !f.sharedModuleAt(r, depth) {
			return false
		}
	}
	return true
}

// returnsKeptPromise reports a function that awaits nothing and returns
// only a promise kept in shared state (if (!p) p = load(); return p;).
func returnsKeptPromise(f *File, fn *Func) bool {
	if len(fn.Awaits) > 0 || len(fn.Returns) == 0 {
		return false
	}
	for _, r := range fn.Returns {
		if _, ok := SharedSlot(f, fn, r.Unparen(), false); !ok {
			return false
		}
	}
	return true
}

// EntryMissingGuard reports whether guard g lets the write run only when the
// entry of target is missing: if (!cache[k]) ..., if (m.has(k)) return ...,
// if (v === undefined) ... with v = m.get(k).
func EntryMissingGuard(fl *Flow, g Guard, target StateRef) bool {
	if g.Kind == GuardTry {
		return false
	}
	pol, ok := EntryTest(fl, g.Cond, target)
	if !ok {
		return false
	}
	// pol: true when the condition being true means "present".
	return pol == g.Negated
}

// EntryTest finds a presence test of target's entry in cond and reports
// whether cond being true means the entry is present.
func EntryTest(fl *Flow, cond syntax.Node, target StateRef) (present bool, ok bool) {
	return PresenceTest(cond, func(e syntax.Node) (bool, bool) { return entryLeaf(fl, e.Unparen(), target) })
}

// entryLeaf recognises a direct test of target's entry: cache[k],
// cache.get(k), cache.has(k), k in cache, cache.hasOwnProperty(k),
// Object.hasOwn(cache, k), or a local holding cache.get(k).
func entryLeaf(fl *Flow, cond syntax.Node, target StateRef) (present bool, ok bool) {
	switch {
	case cond.Is(syntax.KBinaryExpression) && cond.Operator() == "in":
		l, r := cond.Child(syntax.FLeft), cond.Child(syntax.FRight)
		c, ok := SharedSlot(fl.F, fl.Fn, r, false)
		if ok && target.SameBase(c) && KeyText(l) == KeyText(target.Key) {
			return true, true
		}
		return false, false
	case cond.Is(syntax.KCallExpression):
		if e, ok := SharedEntry(fl.F, fl.Fn, cond); ok && e.Same(target) {
			return true, true
		}
		// cache.hasOwnProperty(k), Object.hasOwn(cache, k)
		callee := cond.Child(syntax.FFunction).Unparen()
		args := models.Args(cond)
		if callee.Is(syntax.KMemberExpression) {
			switch callee.Child(syntax.FProperty).Text() {
			case "hasOwnProperty":
				if len(args) == 1 {
					c, ok := SharedSlot(fl.F, fl.Fn, callee.Child(syntax.FObject), false)
					if ok && target.SameBase(c) && KeyText(args[0]) == KeyText(target.Key) {
						return true, true
					}
				}
			case "hasOwn":
				if len(args) == 2 {
					c, ok := SharedSlot(fl.F, fl.Fn, args[0], false)
					if ok && target.SameBase(c) && KeyText(args[1]) == KeyText(target.Key) {
						return true, true
					}
				}
			}
		}
		return false, false
	case cond.Is(syntax.KSubscriptExpression):
		if e, ok := SharedEntry(fl.F, fl.Fn, cond); ok && e.Same(target) {
			return true, true
		}
	case cond.Is(syntax.KIdentifier):
		// const hit = cache.get(k); if (!hit) ...
		if b := fl.Local(cond); b != nil {
			if d := fl.Reaching(b, cond.Start()); !d.IsNil() {
				if e, ok := SharedEntry(fl.F, fl.Fn, d); ok && e.Same(target) {
					return true, true
				}
			}
		}
	}
	return false, false
}

// MentionsEntry reports whether cond tests target's entry in any way.
func MentionsEntry(fl *Flow, cond syntax.Node, target StateRef) bool {
	if _, ok := EntryTest(fl, cond, target); ok {
		return true
	}
	found := false
	StateReads(fl.F, fl.Fn, cond, target, func(syntax.Node) bool { found = true; return false })
	return found
}

// SetHas recognises s.has(k) on the container of entry c.
func SetHas(fl *Flow, e syntax.Node, c StateRef) (bool, bool) {
	if !e.Is(syntax.KCallExpression) {
		return false, false
	}
	callee := e.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FProperty).Text() != "has" {
		return false, false
	}
	args := models.Args(e)
	if len(args) != 1 || KeyText(args[0]) != KeyText(c.Key) {
		return false, false
	}
	s, ok := SharedSlot(fl.F, fl.Fn, callee.Child(syntax.FObject), false)
	if !ok || !s.SameBase(c) {
		return false, false
	}
	return true, true
}

// SetContainer reports whether a shared slot holds an in-process Set.
func SetContainer(f *File, fn *Func, c StateRef) bool {
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
	case c.Root != nil && c.Base == c.Root.Name:
		d := c.Root.Decl.Parent()
		if !d.Is(syntax.KVariableDeclarator) {
			return false
		}
		v, t := d.Child(syntax.FValue), d.Child(syntax.FType)
		return !v.IsNil() && isSet(v) || !t.IsNil() && isSet(t)
	case c.Root == nil && strings.Count(c.Base, ".") == 1:
		var cls syntax.Node
		for g := fn; g != nil; g = g.Outer {
			if !g.Class.IsNil() {
				cls = g.Class
				break
			}
		}
		return FieldHolds(cls.Child(syntax.FBody), strings.TrimPrefix(c.Base, "this."), isSet, isSet)
	}
	return false
}

// SlotTest finds a test of a single slot in cond and reports whether cond
// being true means the slot is set: !x, x === undefined, x == null,
// typeof x === "undefined", x?.ready, and such tests joined by && or ||.
func SlotTest(fl *Flow, cond syntax.Node, slot StateRef) (present bool, ok bool) {
	return PresenceTest(cond, func(e syntax.Node) (bool, bool) {
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

func isSlot(fl *Flow, e syntax.Node, slot StateRef) bool {
	e = e.Unparen()
	if !e.Is(syntax.KIdentifier, syntax.KMemberExpression) {
		return false
	}
	if IsStateRead(fl.F, fl.Fn, e, slot) || isStateTarget(fl, e, slot) {
		return true
	}
	// let result = this.helper; if (result == null) ...
	if b := fl.Local(e); b != nil {
		if d := fl.Reaching(b, e.Start()); !d.IsNil() {
			d = d.Unparen()
			return d.Is(syntax.KIdentifier, syntax.KMemberExpression) && IsStateRead(fl.F, fl.Fn, d, slot)
		}
	}
	return false
}

// isStateTarget is IsStateRead for a node in assignment position.
func isStateTarget(fl *Flow, e syntax.Node, slot StateRef) bool {
	r, ok := SharedSlot(fl.F, fl.Fn, e, false)
	return ok && r.Same(slot)
}

// ClaimsEntry reports a write to the entry target names (x[k] = ...,
// map.set(k, ...), set.add(k)) made synchronously in fn after from and
// before the await w, on a path that goes on to w: a claim that makes
// later callers find the entry present, so a check followed by such a
// claim before any await is a single-flight guard. A write in a branch
// that returns before w claims nothing for the calls that reach it.
func ClaimsEntry(f *File, fn *Func, target StateRef, from uint32, w syntax.Node) bool {
	to := w.Start()
	claimed := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if claimed || isFunction(n) || n.End() <= from || n.Start() >= to {
			return !claimed && !isFunction(n) && n.Start() < to
		}
		if n.Start() < from || n.End() > to {
			return true // only writes made entirely in between count
		}
		if !reaches(n, w) {
			return true
		}
		switch {
		case n.Is(syntax.KAssignmentExpression):
			if e, ok := SharedEntry(f, fn, n.Child(syntax.FLeft)); ok && e.Same(target) {
				claimed = true
			}
		case n.Is(syntax.KCallExpression):
			if e, _, ok := SharedMapSet(f, fn, n); ok && e.Same(target) {
				claimed = true
			}
			callee := n.Child(syntax.FFunction).Unparen()
			if callee.Is(syntax.KMemberExpression) && callee.Child(syntax.FProperty).Text() == "add" {
				if c, ok := SharedSlot(f, fn, callee.Child(syntax.FObject), false); ok && c.Base == target.Base && c.Root == target.Root {
					if args := models.Args(n); len(args) == 1 && KeyText(args[0]) == KeyText(target.Key) {
						claimed = true
					}
				}
			}
		}
		return !claimed
	})
	return claimed
}

// SingleFlight reports whether the await w runs inside a region that
// concurrent calls exclude each other from: an earlier test that leaves
// while a claim is held, then the claim, with no await between the test
// and the claim, made before w and not released before end. The claim is
// either the key in an in-process collection (if (busy.has(key)) return;
// busy.add(key), or const p = loading.get(key); if (p) return p;
// loading.set(key, promise)), for calls with the same key, or a flag (if (fetching)
// return; fetching = true), for every call. The test may be one part of
// a condition every part of which must hold for w to run (if
// (this.ready || this.loading) return). State the region reads and
// writes is not shared between concurrent calls there.
func (f *File) SingleFlight(key, w syntax.Node, end uint32) bool {
	fn := f.FuncAt(w)
	if fn == nil {
		return false
	}
	k := ""
	if !key.IsNil() {
		k = KeyText(key)
	}
	for _, g := range f.Guards(w) {
		if g.Kind == GuardTry {
			continue
		}
		// w runs only while every part holds: each can be the test of a
		// claim (if (this.ready || this.loading) return; this.loading = true).
		for _, part := range guardParts(g.Cond, g.Negated) {
			pg := g
			pg.Cond = part
			if f.claimGuards(fn, pg, g.Cond.End(), w, end, k) {
				return true
			}
		}
	}
	return false
}

// guardParts splits a guard's condition into the parts that must each
// hold for the guarded code to run: the operands of || when it runs on
// the condition being false, of && when it runs on it being true.
func guardParts(cond syntax.Node, negated bool) []syntax.Node {
	op := "&&"
	if negated {
		op = "||"
	}
	c := cond.Unparen()
	if c.Is(syntax.KBinaryExpression) && c.Operator() == op {
		return append(guardParts(c.Child(syntax.FLeft), negated), guardParts(c.Child(syntax.FRight), negated)...)
	}
	return []syntax.Node{cond}
}

// claimGuards reports whether the test of g is of a claim (a key in a
// collection, a flag, a state field) that every call takes after the
// test, at from, and holds from there to w and on to end.
func (f *File) claimGuards(fn *Func, g Guard, from uint32, w syntax.Node, end uint32, k string) bool {
	// The claim the test looks at: a collection holding the key, or
	// a flag.
	var coll, flag string
	pol, ok := PresenceTest(g.Cond, func(e syntax.Node) (bool, bool) {
		e = e.Unparen()
		if e.Is(syntax.KIdentifier) && k != "" {
			// const loading = inFlight.get(key); if (loading) return loading;
			if b := f.Resolve(e); b != nil && b.Kind == BConst && !b.Init.IsNil() && b.Init != b.Decl && b.Init.Unparen().Is(syntax.KCallExpression) {
				e = b.Init.Unparen()
			}
		}
		if e.Is(syntax.KCallExpression) {
			callee := e.Child(syntax.FFunction).Unparen()
			args := models.Args(e)
			if m := callee.Child(syntax.FProperty).Text(); k != "" && callee.Is(syntax.KMemberExpression) && (m == "has" || m == "get") && len(args) == 1 && KeyText(args[0]) == k {
				coll = callee.Child(syntax.FObject).Unparen().Text()
				return true, true
			}
			return false, false
		}
		if s, ok := SharedSlot(f, fn, e, false); ok && !s.Keyed {
			flag = e.Text()
			return true, true
		}
		return false, false
	})
	if ok && pol == g.Negated && (coll != "" || flag != "") && f.claimHeld(fn, from, w.Start(), end, k, coll, flag, nil) {
		return true // w runs only while the claim is not held
	}
	// A state field that w runs in only while it holds one value (if
	// (this.state !== IDLE) return; this.state = STARTING), or only
	// while it does not (if (this.ran === true) return; this.ran = true).
	st, ok := f.stateTest(fn, g)
	return ok && f.claimHeld(fn, from, w.Start(), end, "", "", st.slot, &st)
}

// stateValue is a test of an unkeyed shared slot against a value that is
// the same for every call: the guarded code runs only while the slot holds
// it (free) or only while it does not.
type stateValue struct {
	slot, value string
	free        bool
}

// taken reports whether assigning v to the slot makes the guarded code
// stop running for later calls: another constant than the free value, or
// the very value the code runs without.
func (s *stateValue) taken(f *File, v syntax.Node) bool {
	if !f.ProcessInvariant(v) {
		return false
	}
	return (v.Text() == s.value) != s.free
}

// stateTest reads guard g as a test of an unkeyed shared slot against a
// value the same for every call (this.state === IDLE, this.ran !== true,
// or an exit on the opposite test).
func (f *File) stateTest(fn *Func, g Guard) (stateValue, bool) {
	c := g.Cond.Unparen()
	if !c.Is(syntax.KBinaryExpression) {
		return stateValue{}, false
	}
	eq := false
	switch c.Operator() {
	case "===", "==":
		eq = true
	case "!==", "!=":
	default:
		return stateValue{}, false
	}
	l, r := c.Child(syntax.FLeft).Unparen(), c.Child(syntax.FRight).Unparen()
	for _, side := range [][2]syntax.Node{{l, r}, {r, l}} {
		if sl, ok := SharedSlot(f, fn, side[0], false); ok && !sl.Keyed && !IsNullish(side[1]) && f.ProcessInvariant(side[1]) {
			return stateValue{slot: side[0].Text(), value: side[1].Text(), free: eq != g.Negated}, true
		}
	}
	return stateValue{}, false
}

// claimHeld reports a claim of the key in coll (coll.add(key),
// coll.set(key, ...)) or of flag (flag = true) made between from and to
// with no await before it, and no release (coll.delete(key), flag = false)
// between to and end. For a state slot (st), the claim is an assignment
// that stops the guarded code from running for later calls, and the
// release any other assignment.
func (f *File) claimHeld(fn *Func, from, to, end uint32, key, coll, flag string, st *stateValue) bool {
	claimed, released := false, false
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) && n != fn.Node {
			return false
		}
		switch {
		case n.Is(syntax.KCallExpression) && coll != "":
			callee := n.Child(syntax.FFunction).Unparen()
			args := models.Args(n)
			if !callee.Is(syntax.KMemberExpression) || callee.Child(syntax.FObject).Unparen().Text() != coll || len(args) == 0 || KeyText(args[0]) != key {
				return true
			}
			switch m := callee.Child(syntax.FProperty).Text(); {
			case (m == "add" || m == "set") && n.Start() >= from && n.End() <= to && len(AwaitsWithin(fn, from, n.Start())) == 0:
				claimed = true
			case m == "delete" && n.Start() > to && n.End() <= end:
				released = true
			}
		case n.Is(syntax.KAssignmentExpression) && flag != "":
			if n.Child(syntax.FLeft).Unparen().Text() != flag {
				return true
			}
			v := n.Child(syntax.FRight).Unparen()
			taken := !v.Is(syntax.KFalse, syntax.KNull, syntax.KUndefined)
			if st != nil {
				taken = st.taken(f, v)
			}
			switch {
			case taken && n.Start() >= from && n.End() <= to && len(AwaitsWithin(fn, from, n.Start())) == 0:
				claimed = true
			case !taken && n.Start() > to && n.End() <= end:
				released = true
			}
		}
		return true
	})
	return claimed && !released
}

// WrittenState returns the module-level and instance state fn writes, its
// nested functions included: slots assigned or updated (count++, this.x =
// ...), containers whose entries are assigned (cache[k] = v) or that an
// in-place method changes (seen.add(id), sessions.set(k, v), queue.push(x)).
// The answer is memoised per function.
func WrittenState(f *File, fn *Func) []StateRef {
	if v, ok := f.written.Load(fn); ok {
		return v.([]StateRef)
	}
	var out []StateRef
	add := func(r StateRef, ok bool) {
		if ok {
			out = append(out, r)
		}
	}
	fn.Node.EachOf(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression):
			left := n.Child(syntax.FLeft).Unparen()
			if left.Is(syntax.KSubscriptExpression) {
				add(SharedSlot(f, fn, left.Child(syntax.FObject), false))
			} else {
				add(SharedSlot(f, fn, left, true))
			}
		case n.Is(syntax.KUpdateExpression):
			add(SharedSlot(f, fn, n.Child(syntax.FArgument), true))
		case n.Is(syntax.KCallExpression):
			callee := n.Child(syntax.FFunction).Unparen()
			if callee.Is(syntax.KMemberExpression) && models.InPlaceMutators[callee.Child(syntax.FProperty).Text()] {
				add(SharedSlot(f, fn, callee.Child(syntax.FObject), false))
			}
		}
		return true
	}, syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression, syntax.KUpdateExpression, syntax.KCallExpression)
	f.written.Store(fn, out)
	return out
}
