package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// PropDrops answers whether JSX elements drop the promise a handler prop
// returns, and keeps its answers for project components; one serves one
// file's check.
type PropDrops struct {
	p     *Project
	cache map[propKey]bool
}

// NewPropDrops returns an empty PropDrops over the project.
func (p *Project) NewPropDrops() *PropDrops {
	return &PropDrops{p: p, cache: map[propKey]bool{}}
}

// ElementDrops reports whether the JSX element el ignores what its
// handler prop returns (see elementDrops).
func (d *PropDrops) ElementDrops(f *File, el syntax.Node, prop string) bool {
	return d.elementDrops(f, el, prop, 0)
}

// elementDrops reports whether a JSX element ignores what its handler prop
// returns. DOM elements (<button>) do; so do components racecheck cannot
// see (library components follow the DOM convention). A project component
// drops it when it only calls the prop as a statement or forwards it to a
// DOM element; one that awaits or uses the returned value (a button that
// shows a spinner until the promise settles), or spreads its props onto a
// component that does, handles it.
func (d *PropDrops) elementDrops(f *File, el syntax.Node, prop string, depth int) bool {
	tag := el.Child(syntax.FName)
	if tag.Is(syntax.KIdentifier) && tag.Text() != "" && tag.Text()[0] >= 'a' && tag.Text()[0] <= 'z' {
		return true
	}
	if !tag.Is(syntax.KIdentifier) {
		return true
	}
	if b := f.Resolve(tag); b != nil && b.Import != nil {
		if models.ComponentAwaitsProp(b.Import.Spec, b.ImportedName(), prop) {
			return false // <Formik onSubmit={async ...}>: Formik awaits it and handles a rejection
		}
	}
	tf, comp := d.p.ComponentFunc(f, tag)
	if comp == nil || depth > 3 {
		return true
	}
	if depth > 0 {
		return d.componentDropsProp(tf, comp, prop, depth) // not cached: it may stop short
	}
	key := propKey{tf, comp.Node.ID(), prop}
	if v, ok := d.cache[key]; ok {
		return v
	}
	drops := d.componentDropsProp(tf, comp, prop, depth)
	d.cache[key] = drops
	return drops
}

// ComponentFunc resolves a JSX tag to the function component it names,
// looking through forwardRef(...), memo(...) and project functions that
// hand their argument to one of them (see makesComponent).
func (p *Project) ComponentFunc(in *File, tag syntax.Node) (*File, *Func) {
	proj := p
	if tf, fn := proj.ResolveValue(in, tag); fn != nil {
		return tf, fn
	}
	f, value := in, syntax.Node{}
	b := in.Resolve(tag)
	switch {
	case b == nil:
		return nil, nil
	case b.Import != nil:
		ef, ex := proj.ResolveExport(proj.ResolveSpec(in, b.Import.Spec), b.Import.Name)
		if ex == nil {
			return nil, nil
		}
		f, value = ef, ex.Value
		if value.Is(syntax.KIdentifier) {
			if vb := f.Resolve(value); vb != nil {
				value = vb.Init
			}
		}
	default:
		value = b.Init
	}
	for i := 0; i < 3; i++ {
		value = value.Unparen()
		if !value.Is(syntax.KCallExpression) {
			break
		}
		if m := models.Method(value); m != "forwardRef" && m != "memo" && !proj.makesComponent(f, value) {
			break
		}
		args := models.Args(value)
		if len(args) == 0 {
			break
		}
		value = args[0]
		if IsFunction(value.Unparen()) {
			return f, f.FuncOf(value.Unparen())
		}
	}
	return nil, nil
}

// makesComponent reports whether a call's callee is a project function
// that makes a component of the function it is given: its first parameter
// goes to forwardRef(...) or memo(...) (a wrapper that picks forwardRef by
// React version, forwardRefIfNeeded(render)), so the component renders
// that function.
func (p *Project) makesComponent(f *File, call syntax.Node) bool {
	_, fn := p.ResolveValue(f, call.Child(syntax.FFunction))
	if fn == nil || fn.Body.IsNil() {
		return false
	}
	ps := fn.Params()
	if len(ps) == 0 {
		return false
	}
	param := ps[0]
	if param.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		param = param.Child(syntax.FPattern)
	}
	if !param.Is(syntax.KIdentifier) {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || !n.Is(syntax.KCallExpression) {
			return !found
		}
		if m := models.Method(n); m == "forwardRef" || m == "memo" {
			args := models.Args(n)
			found = len(args) > 0 && args[0].Unparen().Is(syntax.KIdentifier) && args[0].Unparen().Text() == param.Text()
		}
		return true
	})
	return found
}

type propKey struct {
	f    *File
	node int32
	prop string
}

// componentDropsProp looks at how a function component uses a handler
// prop: props.onX / a destructured onX, called or passed on, or the props
// spread onto another element ({...props}), which then decides.
func (d *PropDrops) componentDropsProp(f *File, comp *Func, prop string, depth int) bool {
	local := prop // the destructured name
	whole := ""   // the name of an object holding the prop: props, or ...rest
	if ps := comp.Params(); len(ps) > 0 {
		pat := ps[0]
		if pat.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
			pat = pat.Child(syntax.FPattern)
		}
		if pat.Is(syntax.KIdentifier) {
			whole = pat.Text()
		}
		if pat.Is(syntax.KObjectPattern) {
			named := false
			for _, c := range pat.NamedChildren() {
				switch {
				case c.Is(syntax.KPairPattern) && strings.Trim(c.Child(syntax.FKey).Text(), `"'`) == prop:
					local, named = c.Child(syntax.FValue).Text(), true
				case c.Is(syntax.KShorthandPropertyIdentifierPattern) && c.Text() == prop:
					named = true
				case c.Is(syntax.KRestPattern) && !named:
					whole = c.NamedChild(0).Text()
				}
			}
		}
	}
	drops := true
	comp.Body.Walk(func(n syntax.Node) bool {
		if !drops {
			return false
		}
		var ref syntax.Node
		switch {
		case whole != "" && n.Is(syntax.KIdentifier) && n.Text() == whole && n.Parent().Is(syntax.KSpreadElement) && n.Parent().Parent().Is(syntax.KJsxExpression):
			spread := n.Parent().Parent()
			if !setAfter(spread, prop) && !d.elementDrops(f, spread.Parent(), prop, depth+1) {
				drops = false // <PasswordForm {...props} /> awaits it
			}
			return true
		case n.Is(syntax.KShorthandPropertyIdentifier) && n.Text() == local:
			drops = false // useFormik({ onSubmit }): stored or passed on, unknown
			return true
		case n.Is(syntax.KMemberExpression) && n.Child(syntax.FProperty).Text() == prop:
			ref = n
		case n.Is(syntax.KIdentifier) && n.Text() == local && !n.Parent().Is(syntax.KMemberExpression):
			ref = n
		default:
			return true
		}
		par := ref.Parent()
		switch {
		case par.Is(syntax.KCallExpression) && par.Child(syntax.FFunction) == ref:
			if valueUsed(par) {
				drops = false // const ret = onClick(e); await ret
			}
		case par.Is(syntax.KJsxExpression) && par.Parent().Is(syntax.KJsxAttribute):
			if projectComponent(f, par.Parent().Parent()) {
				drops = false // forwarded to another component: unknown
			}
		case par.Is(syntax.KBinaryExpression, syntax.KTernaryExpression, syntax.KParenthesizedExpression):
			// onClick && onClick(e): judged at the call
		default:
			drops = false // stored or passed on: unknown
		}
		return true
	})
	return drops
}

// projectComponent reports whether a JSX element is one of the project's
// components: not a DOM element (<button>), not a library's.
func projectComponent(f *File, el syntax.Node) bool {
	t := el.Child(syntax.FName)
	return !(t.Is(syntax.KIdentifier) && t.Text() != "" && t.Text()[0] >= 'a' && t.Text()[0] <= 'z') && !libraryComponent(f, t)
}

// libraryComponent reports a JSX tag imported from a package outside the
// project (a UI kit's Button), whose handler props ignore the promise, as
// an element of a component the project cannot see does.
func libraryComponent(f *File, tag syntax.Node) bool {
	if !tag.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(tag)
	if b == nil || b.Import == nil {
		return false
	}
	return f.PackageSpec(b.Import.Spec)
}

// valueUsed reports whether a call's value is used rather than dropped:
// awaited, assigned, returned, passed on.
func valueUsed(call syntax.Node) bool {
	v := call
	for {
		par := v.Parent()
		switch {
		case par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression):
			v = par
		case par.Is(syntax.KBinaryExpression) && v.Field() == syntax.FRight:
			v = par
		case par.Is(syntax.KExpressionStatement), par.Is(syntax.KUnaryExpression) && par.Operator() == "void":
			return false
		case par.Is(syntax.KArrowFunction) && v.Field() == syntax.FBody:
			return false // returned to the caller of an inline handler: judged there
		default:
			return true
		}
	}
}

// HandlerProp reports whether a JSX attribute is an event handler prop
// (onClick, onSubmit...).
func HandlerProp(name string) bool {
	return len(name) > 2 && strings.HasPrefix(name, "on") && name[2] >= 'A' && name[2] <= 'Z'
}

// setAfter reports whether an attribute after the spread {...props} of a
// JSX element sets prop itself (<Modal {...props} onSubmit={submitForm}>):
// the later attribute wins, and the element never sees the spread's.
func setAfter(spread syntax.Node, prop string) bool {
	for a := spread.NextSibling(); !a.IsNil(); a = a.NextSibling() {
		if a.Is(syntax.KJsxAttribute) && a.NamedChild(0).Text() == prop {
			return true
		}
	}
	return false
}
