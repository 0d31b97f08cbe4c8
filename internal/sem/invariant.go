package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// ProcessInvariant reports an expression whose value is the same in every
// process and every call that evaluates it: literals, template strings
// and object or array literals of such values, constants initialised
// with them (here or in the project module they are imported from),
// members of enums, __dirname, __filename, import.meta.url,
// process.cwd(), process.env, os.homedir() and os.tmpdir(), path.join and
// path.resolve of such values, and JSON.stringify of one. Two racing
// writes of such a value store the same bytes.
func (f *File) ProcessInvariant(e syntax.Node) bool {
	return f.processInvariant(e, 0)
}

func (f *File) processInvariant(e syntax.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	e = e.Unparen()
	switch {
	case e.IsNil():
		return false
	case e.Is(syntax.KString, syntax.KNumber, syntax.KTrue, syntax.KFalse, syntax.KNull):
		return true
	case e.Is(syntax.KTemplateString):
		for _, c := range e.NamedChildren() {
			if c.Is(syntax.KTemplateSubstitution) && !f.processInvariant(c.NamedChild(0), depth+1) {
				return false
			}
		}
		return true
	case e.Is(syntax.KArray, syntax.KObject):
		for _, c := range e.NamedChildren() {
			switch {
			case c.Is(syntax.KComment):
			case c.Is(syntax.KPair):
				if !f.processInvariant(c.Child(syntax.FValue), depth+1) {
					return false
				}
			default: // an element, or a shorthand property { name }
				if !f.processInvariant(c, depth+1) {
					return false
				}
			}
		}
		return true
	case e.Is(syntax.KBinaryExpression):
		return f.processInvariant(e.Child(syntax.FLeft), depth+1) && f.processInvariant(e.Child(syntax.FRight), depth+1)
	case e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
		if n := e.Text(); n == "__dirname" || n == "__filename" {
			return f.Resolve(e) == nil
		}
		b := f.Resolve(e)
		if b != nil && b.Import != nil {
			vf, v := f.bindingValue(b) // a constant of the project module it is imported from
			return vf != nil && vf.processInvariant(v, depth+1)
		}
		if b == nil || b.Kind != BConst || b.Value().IsNil() {
			return false
		}
		return f.processInvariant(b.Init, depth+1)
	case e.Is(syntax.KMemberExpression):
		switch obj := e.Child(syntax.FObject).Unparen(); {
		case obj.Text() == "process.env", obj.Text() == "import.meta":
			return true
		case literalValue(e) != "" && f.enumObject(obj):
			return true // a member of an enum: Role.Admin
		default:
			return f.processInvariant(obj, depth+1)
		}
	case e.Is(syntax.KCallExpression):
		chain, m := models.Callee(e)
		if len(chain) != 1 {
			return false
		}
		switch chain[0] + "." + m {
		case "process.cwd", "os.homedir", "os.tmpdir":
			return true
		case "path.join", "path.resolve", "JSON.stringify", "Object.freeze":
			for i, a := range models.Args(e) {
				if m == "stringify" && i > 0 {
					break
				}
				if !f.processInvariant(a, depth+1) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// enumObject reports an identifier that names an enum: declared in this
// file (enums bind no variable), imported from a package (Prisma's
// generated enums), or an enum of the project module it is imported from.
func (f *File) enumObject(obj syntax.Node) bool {
	if !obj.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(obj)
	switch {
	case b == nil:
		return true
	case b.Import == nil:
		return false
	case f.PackageSpec(b.Import.Spec):
		return true
	}
	_, v := f.bindingValue(b)
	return v.Is(syntax.KEnumDeclaration)
}
