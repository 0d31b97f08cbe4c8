package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// objectLiteral is an object literal and the file it is written in.
type objectLiteral struct {
	file *File
	node syntax.Node
}

// objectValues returns the object literals an expression may evaluate to:
// the literal itself; a variable's initialiser; what an imported name is
// exported as (module.exports = {...}, export const x = {...}); what a
// project function called here returns (getConfig() returning
// config[env]); a property of such an object (config.db), every property
// for a key computed at run time (config[process.env.NODE_ENV]). It is
// how a configuration written as data in one module is read where another
// module passes it on: new Sequelize("db", null, null, config).
func (p *Project) objectValues(f *File, e syntax.Node, depth int) []objectLiteral {
	if f == nil || depth > 8 {
		return nil
	}
	e = e.Unparen()
	switch {
	case e.Is(syntax.KObject):
		return []objectLiteral{{f, e}}
	case e.Is(syntax.KAwaitExpression):
		return p.objectValues(f, e.NamedChild(0), depth+1)
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		switch {
		case b == nil:
			return nil
		case b.Import != nil:
			return p.exportedObjects(f, b.Import.Spec, b.Import.Name, depth)
		case !b.Init.IsNil() && b.Kind != BFunction && b.Kind != BClass && b.Kind != BParam:
			return p.objectValues(f, b.Init, depth+1)
		}
	case e.Is(syntax.KCallExpression):
		if spec, ok := RequireSpec(e); ok {
			return p.exportedObjects(f, spec, "default", depth)
		}
		tf, fn := p.ResolveCall(f, e)
		if fn == nil {
			return nil
		}
		var out []objectLiteral
		for _, r := range fn.Returns {
			out = append(out, p.objectValues(tf, r, depth+1)...)
		}
		return out
	case e.Is(syntax.KMemberExpression, syntax.KSubscriptExpression):
		key, known := "", false
		if e.Is(syntax.KMemberExpression) {
			key, known = e.Child(syntax.FProperty).Text(), true
		} else {
			key, known = StringValue(e.Child(syntax.FIndex))
		}
		var out []objectLiteral
		for _, o := range p.objectValues(f, e.Child(syntax.FObject), depth+1) {
			for _, c := range o.node.NamedChildren() {
				if !c.Is(syntax.KPair) || known && models.PropKey(c.Child(syntax.FKey)) != key {
					continue
				}
				out = append(out, p.objectValues(o.file, c.Child(syntax.FValue), depth+1)...)
			}
		}
		return out
	}
	return nil
}

// exportedObjects returns the object literals a module exports under a
// name ("default" or "*" for what require returns).
func (p *Project) exportedObjects(f *File, spec, name string, depth int) []objectLiteral {
	tf := p.ResolveSpec(f, spec)
	if tf == nil {
		return nil
	}
	if name == "" || name == "*" {
		name = "default"
	}
	xf, ex := p.resolveExport(tf, name, 0)
	if ex == nil || ex.Value.IsNil() {
		return nil
	}
	return p.objectValues(xf, ex.Value, depth+1)
}
