package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// PerCallInstance reports whether every instance of fn's class belongs to
// one call: the class is instantiated somewhere in the project, and every
// `new C(...)` is made inside a function that runs per call and is kept in
// a local variable (or used on the spot), so two concurrent calls never
// share an instance and its fields are not shared state.
//
// Instances of an ORM record class (RecordClass) belong to the code that
// loaded them, as the ORM makes one for each row a query returns.
//
// A class that a framework instantiates (a decorated NestJS, TypeDI or
// Angular service), one created at module level or in start-up code, one
// whose instance is stored in a field, a module variable, returned or
// passed on, and one instantiated nowhere in sight are all taken to be
// shared.
func (f *File) PerCallInstance(fn *Func) bool {
	var class syntax.Node
	for g := fn; g != nil; g = g.Outer {
		if !g.Class.IsNil() {
			class = g.Class
			if g.Node.HasToken("static") {
				return false
			}
			break
		}
	}
	if class.IsNil() || f.project == nil {
		return false
	}
	key := classKey{f, class.ID()}
	if v, ok := f.project.perCall.Load(key); ok {
		return v.(bool)
	}
	r := f.project.perCallClass(f, class)
	f.project.perCall.Store(key, r)
	return r
}

// classKey names a class declaration in the project.
type classKey struct {
	f  *File
	id int32
}

// perCallClass decides PerCallInstance for one class declaration.
func (p *Project) perCallClass(f *File, class syntax.Node) bool {
	name := class.Child(syntax.FName).Text()
	if name == "" || frameworkManaged(class) || handsOutThis(class) {
		return false
	}
	if p.RecordClass(f, class) {
		return true // the ORM makes an instance for each row it loads
	}
	sites := 0
	for _, cf := range p.Importers(f) {
		if !strings.Contains(cf.Tree.Src, "new "+name) {
			continue
		}
		perCall := true
		cf.Root().Walk(func(n syntax.Node) bool {
			if !perCall {
				return false
			}
			if !n.Is(syntax.KNewExpression) || n.Child(syntax.FConstructor).Text() != name {
				return true
			}
			sites++
			if !cf.localInstance(n) {
				perCall = false
			}
			return true
		})
		if !perCall {
			return false
		}
	}
	return sites > 0
}

// handsOutThis reports a class whose code passes functions that use the
// instance to other code (event listeners, timers, .then, Promise.all over
// a map): one instance's methods can then run interleaved with each other,
// even when the instance belongs to one call. A function a transaction or
// a lock runs once, during the call that passes it, is not handed out.
func handsOutThis(class syntax.Node) bool {
	methods := map[string]bool{}
	for _, m := range class.Child(syntax.FBody).NamedChildren() {
		// An accessor's name reads or writes a value (this.data): only
		// methods are functions that can be handed out.
		if m.Is(syntax.KMethodDefinition) && !m.HasToken("get") && !m.HasToken("set") {
			methods[m.Child(syntax.FName).Text()] = true
		}
	}
	found := false
	class.Child(syntax.FBody).Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if !n.Parent().Is(syntax.KArguments) {
			return true
		}
		call := n.Parent().Parent()
		switch {
		case isFunction(n) && (models.IsTransactionCall(call) || models.IsLockScopeCall(call)):
			// Run once, inside the transaction or lock, during the call
			// that passes it: not handed out.
		case isFunction(n):
			// A function that only reads the instance's fields
			// (revisions.map((r) => this.pad.getRevision(r))) cannot run
			// its methods or change its state interleaved.
			n.Walk(func(m syntax.Node) bool {
				if m.Is(syntax.KThis) {
					found = usesInstance(m, methods)
				}
				return !found
			})
		case n.Is(syntax.KMemberExpression) && n.Child(syntax.FObject).Unparen().Is(syntax.KThis):
			// emitter.on("data", this.onData): a method handed out.
			found = methods[n.Child(syntax.FProperty).Text()]
		}
		return true
	})
	return found
}

// usesInstance reports a use of this that calls one of the class's
// methods (or takes one as a value), or writes one of its fields.
func usesInstance(this syntax.Node, methods map[string]bool) bool {
	m := this.Parent()
	if !m.Is(syntax.KMemberExpression) || m.Child(syntax.FObject) != this {
		return true // this passed on whole
	}
	if methods[m.Child(syntax.FProperty).Text()] {
		return true
	}
	p := m.Parent()
	for p.Is(syntax.KMemberExpression, syntax.KSubscriptExpression) && p.Child(syntax.FObject) == m {
		m, p = p, p.Parent()
	}
	switch {
	case p.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression) && p.Child(syntax.FLeft) == m:
		return true
	case p.Is(syntax.KUpdateExpression):
		return true
	}
	return false
}

// frameworkManaged reports a class a dependency-injection framework
// creates (and, by default, shares): one carrying a decorator the models
// know.
func frameworkManaged(class syntax.Node) bool {
	for _, d := range classDecorators(class) {
		if models.IsInjectableDecorator(decoratorName(d)) {
			return true
		}
	}
	return false
}

// decoratorName is the name a decorator calls: Injectable for
// @Injectable({ scope }).
func decoratorName(d syntax.Node) string {
	e := d.NamedChild(0)
	if e.Is(syntax.KCallExpression) {
		e = e.Child(syntax.FFunction)
	}
	t := e.Text()
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// localInstance reports whether an instantiation belongs to one call: it
// is made in a function that does not run once, and the instance is used on
// the spot or kept in a variable of that function.
func (f *File) localInstance(n syntax.Node) bool {
	return f.perCallValue(n, 0)
}

// perCallValue reports whether the value of n (an instantiation, or a
// call of a function that returns one) belongs to one call of the
// function that makes it: used on the spot, kept in a variable of that
// function that does not escape, or returned by a function (a factory,
// Alias.get(name) returning new Alias(row)) whose every call in the
// project keeps its value so.
func (f *File) perCallValue(n syntax.Node, depth int) bool {
	fn := f.FuncAt(n)
	if fn == nil || f.NeverOverlaps(fn) {
		return false
	}
	p := n.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAwaitExpression, syntax.KAsExpression, syntax.KSatisfiesExpression, syntax.KNonNullExpression) {
		p = p.Parent()
	}
	switch {
	case p.Is(syntax.KMemberExpression):
		// new Importer(options).run()
		return true
	case p.Is(syntax.KVariableDeclarator), p.Is(syntax.KAssignmentExpression) && p.Child(syntax.FRight).Contains(n):
		// const d = new Diff(...), or let d; try { d = new Diff(...) } ...
		id := p.Child(syntax.FName)
		if p.Is(syntax.KAssignmentExpression) {
			id = p.Child(syntax.FLeft)
		}
		if !id.Is(syntax.KIdentifier) {
			return false
		}
		b := f.Resolve(id)
		if b == nil || b.ModuleLevel() || f.FuncAt(b.Decl) != fn {
			return false
		}
		switch escapesBy(f, fn, b) {
		case escapeNone:
			return true
		case escapeReturn:
			return depth < 2 && f.returnedPerCall(fn, depth+1)
		}
		return false
	case p.Is(syntax.KReturnStatement) || p == fn.Body && fn.Arrow:
		return depth < 2 && f.returnedPerCall(fn, depth+1)
	}
	return false
}

// returnedPerCall reports a function whose every call in the project (at
// least one) keeps the value it returns to the calling call
// (perCallValue), and that is never passed on as a value.
func (f *File) returnedPerCall(fn *Func, depth int) bool {
	if f.project == nil || fn.Name == "" || f.project.passedOn(f, fn) {
		return false
	}
	sites := f.project.Calls(f, fn)
	for _, s := range sites {
		if s.File.Test {
			continue
		}
		if !s.File.perCallValue(s.Call, depth) {
			return false
		}
	}
	return len(sites) > 0
}

// passedOn reports whether fn, declared in f, is used as a value and not
// only called: some mention of its name outside a call's callee position
// evaluates to it (handlers.push(Alias.get), const load = getRow).
func (p *Project) passedOn(f *File, fn *Func) bool {
	return p.walkMentions(f, fn, mentionKinds, func(cf *File, name string, n syntax.Node) bool {
		if n.Text() != name {
			return false
		}
		ref := n
		if n.Is(syntax.KPropertyIdentifier) {
			ref = n.Parent()
		}
		if par := ref.Parent(); par.Is(syntax.KCallExpression) && par.Child(syntax.FFunction) == ref || ref == fn.Node || n.Parent() == fn.Node {
			return false
		}
		tf, tfn := p.resolveValue(cf, ref, 0)
		return tf == f && tfn == fn
	})
}

// How a local's value leaves its function, see escapesBy.
const (
	escapeNone   = iota
	escapeReturn // only as the function's return value
	escapeOther  // stored, passed on or captured
)

// escapesBy says how a local's value leaves fn: not at all, only by being
// returned, or otherwise (stored, passed as an argument, captured by a
// nested function). Calling its methods or reading its fields does not.
func escapesBy(f *File, fn *Func, b *Binding) int {
	out := escapeNone
	fn.Body.Walk(func(n syntax.Node) bool {
		if out == escapeOther {
			return false
		}
		if !n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) || n == b.Decl || n.Text() != b.Name || f.Resolve(n) != b {
			return true
		}
		if f.FuncAt(n) != fn {
			out = escapeOther
			return false
		}
		p := n.Parent()
		for p.Is(syntax.KParenthesizedExpression, syntax.KAwaitExpression, syntax.KNonNullExpression) {
			p = p.Parent()
		}
		switch {
		case p.Is(syntax.KMemberExpression) || lentToAwaitedCall(n):
		case p.Is(syntax.KAssignmentExpression) && p.Child(syntax.FLeft) == n:
			// d = new Diff(...): a value put in the variable, not taken out
		case p.Is(syntax.KReturnStatement):
			out = escapeReturn
		default:
			out = escapeOther
		}
		return true
	})
	return out
}

// lentToAwaitedCall reports a value handed to a call the caller awaits
// (directly or inside an options object): the callee uses it during the
// call, as the caller does.
func lentToAwaitedCall(n syntax.Node) bool {
	p := n.Parent()
	for p.Is(syntax.KPair, syntax.KObject, syntax.KArray) || n.Is(syntax.KShorthandPropertyIdentifier) && p.Is(syntax.KObject) {
		p = p.Parent()
	}
	if !p.Is(syntax.KArguments) {
		return false
	}
	call := p.Parent()
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	return AwaitedOrReturned(call) && !call.Parent().Is(syntax.KReturnStatement)
}

// RecordClass reports whether class, declared in f, is an ORM record class:
// it extends, directly or through other classes of the project, a base
// class the models know (Sequelize's Model, TypeORM's BaseEntity). The ORM
// makes its instances, one per row a query returns, so an instance belongs
// to the code that loaded it, like one created with new in a call.
func (p *Project) RecordClass(f *File, class syntax.Node) bool {
	return p.recordClass(f, class, 0)
}

func (p *Project) recordClass(f *File, class syntax.Node, depth int) bool {
	if f == nil || depth > 8 {
		return false
	}
	base := superclass(class)
	if base.Is(syntax.KMemberExpression) { // extends Sequelize.Model
		obj := base.Child(syntax.FObject).Unparen()
		b := f.Resolve(obj)
		return obj.Is(syntax.KIdentifier) && b != nil && b.Import != nil && (b.Import.Name == "default" || b.Import.Name == "*") &&
			models.IsEntityBase(b.Import.Spec, base.Child(syntax.FProperty).Text())
	}
	if !base.Is(syntax.KIdentifier) {
		return false
	}
	if b := f.Resolve(base); b != nil && b.Import != nil && models.IsEntityBase(b.Import.Spec, b.Import.Name) {
		return true
	}
	if df, d := p.typeDecl(f, base); !d.IsNil() && d.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
		return p.recordClass(df, d, depth+1)
	}
	return false
}

// superclass returns the expression a class extends, or no node.
func superclass(class syntax.Node) syntax.Node {
	h := class.ChildOfKind(kClassHeritage)
	if h.IsNil() {
		return syntax.Node{}
	}
	if ext := h.ChildOfKind(kExtendsClause); !ext.IsNil() {
		return ext.Child(syntax.FValue).Unparen() // TypeScript
	}
	return h.NamedChild(0).Unparen() // JavaScript
}
