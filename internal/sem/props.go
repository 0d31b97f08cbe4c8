package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// PropValue is an expression a JSX element passes for a prop, in its file.
type PropValue struct {
	File  *File
	Value syntax.Node
}

// PropArguments returns, for a call of a component's prop (onConfirm()
// with onConfirm destructured from the component's props, or
// props.onConfirm()), the values every JSX element of the component in the
// project passes for that prop (<ConfirmModal onConfirm={save} />), with
// their files. ok is false when that cannot be known: the callee is no
// prop, the component is used other than as a JSX tag (passed on,
// wrapped), an element spreads props into it, or one leaves the prop out.
func (p *Project) PropArguments(f *File, call syntax.Node) (vals []PropValue, ok bool) {
	return p.PropValues(f, call.Child(syntax.FFunction).Unparen())
}

// PropValues is PropArguments for the prop expression e itself (onConfirm,
// props.onConfirm), wherever it is used.
func (p *Project) PropValues(f *File, e syntax.Node) (vals []PropValue, ok bool) {
	comp, prop := propOf(f, e)
	if p == nil || comp == nil || comp.Name == "" {
		return nil, false
	}
	escapes := p.walkMentions(f, comp, mentionKinds, func(cf *File, name string, n syntax.Node) bool {
		if n.Text() != name {
			return false
		}
		el := n.Parent()
		if el.Is(syntax.KJsxOpeningElement, syntax.KJsxSelfClosingElement) && el.Child(syntax.FName) == n {
			if tf, tfn := p.resolveValue(cf, n, 0); tf != f || tfn != comp {
				return false // another component of the name
			}
			v, found := jsxProp(el, prop)
			if !found {
				return true
			}
			vals = append(vals, PropValue{cf, v})
			return false
		}
		_, kind := p.classifyMention(f, comp, cf, name, n)
		return kind != mentionNone
	})
	return vals, !escapes && len(vals) > 0
}

// propOf returns the component a callee is a prop of, and the prop's name:
// an identifier destructured from the first parameter, or a member of it.
func propOf(f *File, callee syntax.Node) (*Func, string) {
	var b *Binding
	prop := ""
	switch {
	case callee.Is(syntax.KIdentifier):
		b = f.Resolve(callee)
		if b == nil || b.Kind != BParam {
			return nil, ""
		}
		prop = b.Name
		if pp := b.Decl.Parent(); pp.Is(syntax.KPairPattern) {
			prop = strings.Trim(pp.Child(syntax.FKey).Text(), `"'`)
		}
		if b.Decl.Parent().Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
			return nil, "" // the whole first parameter, not one of its props
		}
	case callee.Is(syntax.KMemberExpression):
		o := callee.Child(syntax.FObject).Unparen()
		if !o.Is(syntax.KIdentifier) {
			return nil, ""
		}
		b = f.Resolve(o)
		if b == nil || b.Kind != BParam {
			return nil, ""
		}
		prop = callee.Child(syntax.FProperty).Text()
	default:
		return nil, ""
	}
	fn := f.FuncAt(b.Decl)
	if fn == nil {
		return nil, ""
	}
	if ps := fn.Params(); len(ps) == 0 || !ps[0].Contains(b.Decl) {
		return nil, ""
	}
	return fn, prop
}

// jsxProp returns the expression an element passes for a prop, and
// whether it passes it; a spread of other props may pass it too, so it
// counts as not known.
func jsxProp(el syntax.Node, prop string) (syntax.Node, bool) {
	for _, a := range el.NamedChildren() {
		switch {
		case a.Is(syntax.KJsxExpression):
			return syntax.Node{}, false // {...props}
		case a.Is(syntax.KJsxAttribute) && a.NamedChild(0).Text() == prop:
			v := a.NamedChild(1)
			if v.Is(syntax.KJsxExpression) {
				return v.NamedChild(0), true
			}
			return syntax.Node{}, false
		}
	}
	return syntax.Node{}, false
}

// ParamArguments returns, for a parameter b of a project function, the
// values every call of that function in the project passes for it, with
// their files. ok is false when that cannot be known: the function is
// passed on as a value, a call of its name may be another's, or a call
// leaves the parameter out.
func (p *Project) ParamArguments(f *File, b *Binding) (vals []PropValue, ok bool) {
	if p == nil || b == nil || b.Kind != BParam {
		return nil, false
	}
	fn := f.FuncAt(b.Decl)
	if fn == nil || fn.Name == "" {
		return nil, false
	}
	idx := fn.ParamIndex(b)
	if idx < 0 {
		return nil, false
	}
	escapes := p.walkMentions(f, fn, mentionKinds, func(cf *File, name string, n syntax.Node) bool {
		call, kind := p.classifyMention(f, fn, cf, name, n)
		switch kind {
		case mentionNone:
			return false
		case mentionCall:
			args := models.Args(call)
			if idx >= len(args) {
				return true
			}
			vals = append(vals, PropValue{cf, args[idx]})
			return false
		}
		return true
	})
	return vals, !escapes && len(vals) > 0
}
