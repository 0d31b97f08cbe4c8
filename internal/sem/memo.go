package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Memoized reports a call of a function that answers from memory after its
// first call: a value a memoizer made (const find = memoize(async () =>
// ...), also imported from another file, or a class field so made), or a
// method with a caching decorator.
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
	if _, fn := p.ResolveCall(f, call); fn != nil && fn.Node.Is(syntax.KMethodDefinition) {
		return cachingDecorated(fn.Node)
	}
	return false
}

// memoizerCall reports memoize(fn, ...), cache.memoize(fn), pMemoize(fn).
func memoizerCall(v syntax.Node) bool {
	v = v.Unparen()
	if !v.Is(syntax.KCallExpression) {
		return false
	}
	_, m := models.Callee(v)
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
