package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Memoized reports a call of a function that answers from memory after its
// first call: a value a memoizer made (const find = memoize(async () =>
// ...), also imported from another file, or a class field so made), a
// method with a caching decorator, or a lazy getter of a shared slot.
func (f *File) Memoized(call syntax.Node) bool {
	p := f.Project()
	callee := call.Child(syntax.FFunction).Unparen()
	var v syntax.Node
	switch {
	case callee.Is(syntax.KIdentifier):
		_, v = p.definingValue(f, callee, 0)
	case callee.Is(syntax.KMemberExpression) && callee.Child(syntax.FObject).Unparen().Is(syntax.KThis):
		v = classField(callee, callee.Child(syntax.FProperty).Text())
	}
	if memoizerCall(v) {
		return true
	}
	if p == nil {
		return false
	}
	if callee.Is(syntax.KIdentifier) {
		if spec, name := p.libraryOrigin(f, callee, 0); spec != "" && models.RequestCached(spec, name) {
			return true // getTranslations of next-intl/server, also re-exported under another name
		}
	}
	tf, fn := p.ResolveCall(f, call)
	if fn == nil {
		return false
	}
	if fn.Node.Is(syntax.KMethodDefinition) && cachingDecorated(fn.Node) {
		return true
	}
	return lazyGetter(tf, fn)
}

// lazyGetter reports a function that fills a shared slot on its first call
// and returns it from then on (if (!Cls.instance) { Cls.instance = new Cls();
// await Cls.instance.init(); } return Cls.instance): every call after the
// first answers from memory. The slot is a field of this or of a class, or
// a module-level variable; every return returns it.
func lazyGetter(f *File, fn *Func) bool {
	if len(fn.Returns) == 0 || fn.Body.IsNil() {
		return false
	}
	slot := ""
	for _, r := range fn.Returns {
		e := r.Unparen()
		switch {
		case e.Is(syntax.KMemberExpression):
			if o := e.Child(syntax.FObject).Unparen(); !o.Is(syntax.KThis, syntax.KIdentifier) {
				return false
			}
		case e.Is(syntax.KIdentifier):
			if b := f.Resolve(e); b == nil || b.Scope != f.Module {
				return false
			}
		default:
			return false
		}
		if slot == "" {
			slot = e.Text()
		} else if e.Text() != slot {
			return false
		}
	}
	// Every assignment of the slot is made only while it is unset: under
	// a test of it (if (!slot) { slot = ... }, or after if (slot) return
	// slot), or by slot ??= ...
	assigned, unguarded := false, false
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) && n != fn.Node {
			return false
		}
		switch {
		case n.Is(syntax.KAugmentedAssignmentExpression) && n.Operator() == "??=":
			assigned = assigned || n.Child(syntax.FLeft).Unparen().Text() == slot
		case n.Is(syntax.KAssignmentExpression) && n.Child(syntax.FLeft).Unparen().Text() == slot:
			assigned = true
			unguarded = unguarded || !testedBefore(f, n, slot)
		}
		return true
	})
	return assigned && !unguarded
}

// testedBefore reports whether one of the guards n runs under tests slot.
func testedBefore(f *File, n syntax.Node, slot string) bool {
	for _, g := range f.Guards(n) {
		if g.Kind == GuardTry {
			continue
		}
		found := false
		g.Cond.Walk(func(m syntax.Node) bool {
			found = found || m.Text() == slot
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// memoizerCall reports memoize(fn, ...), cache.memoize(fn), pMemoize(fn).
func memoizerCall(v syntax.Node) bool {
	v = v.Unparen()
	if !v.Is(syntax.KCallExpression) {
		return false
	}
	m := models.Method(v)
	if !models.Memoizers[m] {
		return false
	}
	for _, a := range models.Args(v) {
		if isFunction(a.Unparen()) || a.Unparen().Is(syntax.KIdentifier, syntax.KMemberExpression) {
			return true
		}
	}
	return false
}

// definingValue follows an identifier to the expression it was declared
// with, across imports.
func (p *Project) definingValue(f *File, id syntax.Node, depth int) (*File, syntax.Node) {
	if f == nil || depth > 8 {
		return nil, syntax.Node{}
	}
	b := f.Resolve(id)
	if b == nil {
		return nil, syntax.Node{}
	}
	var v syntax.Node
	vf := f
	switch {
	case b.Import != nil && p != nil:
		tf := p.ResolveSpec(f, b.Import.Spec)
		if tf == nil || b.Import.Name == "*" {
			return nil, syntax.Node{}
		}
		ef, ex := p.ResolveExport(tf, b.Import.Name)
		if ex == nil {
			return nil, syntax.Node{}
		}
		vf, v = ef, ex.Value
	case b.Kind == BConst || b.Kind == BLet || b.Kind == BVar:
		if b.Init == b.Decl {
			return nil, syntax.Node{}
		}
		v = b.Init
	default:
		return nil, syntax.Node{}
	}
	v = v.Unparen()
	if v.Is(syntax.KIdentifier) {
		return p.definingValue(vf, v, depth+1)
	}
	if v.Is(syntax.KVariableDeclarator) {
		v = v.Child(syntax.FValue).Unparen()
	}
	return vf, v
}

// classField returns the initialiser of field name in the class around n.
func classField(n syntax.Node, name string) syntax.Node {
	body := n.Ancestor(syntax.KClassBody)
	if body.IsNil() {
		return syntax.Node{}
	}
	for _, m := range body.NamedChildren() {
		if m.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition) && m.Child(syntax.FName).Text() == name {
			return m.Child(syntax.FValue)
		}
	}
	return syntax.Node{}
}

// cachingDecorated reports a method with a caching decorator.
func cachingDecorated(m syntax.Node) bool {
	is := func(d syntax.Node) bool {
		if !d.Is(syntax.KDecorator) {
			return false
		}
		name := strings.TrimPrefix(d.Text(), "@")
		if i := strings.IndexAny(name, "(<"); i >= 0 {
			name = name[:i]
		}
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		return models.CachingDecorators[name]
	}
	for c := m.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if is(c) {
			return true
		}
	}
	// In a class body, decorators may precede the method as siblings.
	found := false
	for c := m.Parent().FirstChild(); !c.IsNil() && c != m; c = c.NextSibling() {
		switch {
		case c.Is(syntax.KDecorator):
			found = found || is(c)
		case c.Named() && !c.Is(syntax.KComment):
			found = false
		}
	}
	return found
}

// libraryOrigin returns the package and export an identifier stands for
// when it is, through imports, re-exports, consts and destructuring of an
// object literal (export const { t } = { t: getTranslations }), a function
// imported from a package; "" otherwise.
func (p *Project) libraryOrigin(f *File, id syntax.Node, depth int) (spec, name string) {
	if f == nil || depth > 8 || !id.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
		return "", ""
	}
	b := f.Resolve(id)
	if b == nil {
		return "", ""
	}
	if b.Import != nil {
		tf := p.ResolveSpec(f, b.Import.Spec)
		if tf == nil {
			return strings.TrimPrefix(b.Import.Spec, "node:"), b.Import.Name
		}
		ef, ex := p.ResolveExport(tf, b.Import.Name)
		if ex == nil {
			return "", ""
		}
		v := ex.Value.Unparen()
		if v.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
			return p.libraryOrigin(ef, v, depth+1)
		}
		return "", ""
	}
	if b.Init.IsNil() || b.Init == b.Decl {
		return "", ""
	}
	init := b.Init.Unparen()
	if init.Is(syntax.KObject) && !b.Decl.Is(syntax.KIdentifier) {
		// const { t } = { t: getTranslations }
		if v := objectMember(init, patternKey(b.Decl)); !v.IsNil() {
			return p.libraryOrigin(f, v.Unparen(), depth+1)
		}
		return "", ""
	}
	if init.Is(syntax.KIdentifier) {
		return p.libraryOrigin(f, init, depth+1)
	}
	return "", ""
}

// initOnlyAwait reports an await that runs only until shared state is
// initialised: it sits in the branch of an if whose condition finds that
// state of this or of the module unset (if (!this.isInitialized()), if
// (!this.client), if (pool == null)), with no subscript that could tie it
// to the call's arguments, and that branch sets the state: it assigns it
// or calls a method on it, itself or in a method of this or a function of
// the file it calls (this.connect() doing await
// this.dataSource.initialize(); init() doing ready = true). Every call
// after one has completed skips the await, so it costs nothing in the
// steady state.
func (f *File) initOnlyAwait(w syntax.Node) bool {
	for _, g := range f.Guards(w) {
		if g.Kind != GuardIf || g.Negated {
			continue
		}
		state := f.unsetState(g.Cond)
		if len(state) > 0 && f.initialises(g.Stmt.Child(syntax.FConsequence), state, 2) {
			return true
		}
	}
	return false
}

// unsetState returns the state a condition finds unset (!x, x == null,
// x === undefined): x, and the object x is a member of (this.db for
// !this.db.ready), when x is state of this or of the module. A method of
// this with no arguments that returns such a test of state
// (isInitialized() { return this.dataSource.isInitialized }) stands for
// its test.
func (f *File) unsetState(cond syntax.Node) []string {
	cond = cond.Unparen()
	var x syntax.Node
	switch {
	case cond.Is(syntax.KUnaryExpression) && cond.Operator() == "!":
		x = cond.Child(syntax.FArgument).Unparen()
	case cond.Is(syntax.KBinaryExpression) && (cond.Operator() == "==" || cond.Operator() == "==="):
		l, r := cond.Child(syntax.FLeft).Unparen(), cond.Child(syntax.FRight).Unparen()
		if r.Is(syntax.KNull, syntax.KUndefined) {
			x = l
		}
	}
	if x.IsNil() {
		return nil
	}
	if x.Is(syntax.KCallExpression) && len(models.Args(x)) == 0 {
		callee := x.Child(syntax.FFunction).Unparen()
		if !callee.Is(syntax.KMemberExpression) || !callee.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
			return nil
		}
		m := f.classMethod(x, callee.Child(syntax.FProperty).Text())
		if m == nil || m.Async || len(m.Returns) != 1 {
			return nil
		}
		return f.sharedState(m.Returns[0].Unparen())
	}
	return f.sharedState(x)
}

// sharedState returns x and the object it is a member of, for a member
// chain rooted at this or at a module-level variable with no subscript
// or call in it; nil otherwise.
func (f *File) sharedState(x syntax.Node) []string {
	root := x
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	switch {
	case root.Is(syntax.KThis):
		if x == root {
			return nil
		}
	case root.Is(syntax.KIdentifier):
		if b := f.Resolve(root); b == nil || b.Scope != f.Module {
			return nil
		}
	default:
		return nil // a subscript or a call on the way
	}
	out := []string{x.Text()}
	if x.Is(syntax.KMemberExpression) {
		if o := x.Child(syntax.FObject).Unparen(); !o.Is(syntax.KThis) {
			out = append(out, o.Text())
		}
	}
	return out
}

// initialises reports whether code sets one of the state expressions:
// assigns it or a member of it, or calls a method on it, itself or in a
// method of this or a function of the file it calls (depth levels down).
func (f *File) initialises(code syntax.Node, state []string, depth int) bool {
	of := func(e syntax.Node) bool {
		t := e.Unparen().Text()
		for _, s := range state {
			if t == s || strings.HasPrefix(t, s+".") {
				return true
			}
		}
		return false
	}
	found := false
	code.Walk(func(n syntax.Node) bool {
		if found || isFunction(n) && n != code {
			return false
		}
		switch {
		case n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression):
			found = of(n.Child(syntax.FLeft))
		case n.Is(syntax.KCallExpression):
			callee := n.Child(syntax.FFunction).Unparen()
			if callee.Is(syntax.KIdentifier) && depth > 0 {
				// init(): a function of this file
				if b := f.Resolve(callee); b != nil {
					if m := f.FuncOf(b.Value().Unparen()); m != nil && !m.Body.IsNil() {
						found = f.initialises(m.Body, state, depth-1)
					}
				}
				break
			}
			if !callee.Is(syntax.KMemberExpression) {
				break
			}
			obj := callee.Child(syntax.FObject).Unparen()
			switch {
			case of(obj):
				found = true
			case obj.Is(syntax.KThis) && depth > 0:
				if m := f.classMethod(n, callee.Child(syntax.FProperty).Text()); m != nil && !m.Body.IsNil() {
					found = f.initialises(m.Body, state, depth-1)
				}
			}
		}
		return !found
	})
	return found
}
