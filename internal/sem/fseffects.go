package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// FSParamEffect is a file-system effect a project function has on the
// path one of its parameters holds: writeFile(dest, data) {
// fs.writeFileSync(dest, data) } writes its parameter 0.
type FSParamEffect struct {
	Effect models.FSEffect
	Param  int
	Method string
}

// FSParamEffects summarises a project function: the file-system effects
// its own body has on its parameters' paths. It is worked out once per
// function for the whole project.
func (p *Project) FSParamEffects(f *File, fn *Func) []FSParamEffect {
	key := classKey{f, fn.Node.ID()}
	if v, ok := p.fsEffects.Load(key); ok {
		return v.([]FSParamEffect)
	}
	var out []FSParamEffect
	if !fn.Body.IsNil() {
		env := f.Env()
		fn.Body.Walk(func(m syntax.Node) bool {
			if !m.Is(syntax.KCallExpression) {
				return true
			}
			for _, e := range models.FSEffects(m, env) {
				if i := PathParam(f, fn, e.Path); i >= 0 {
					out = append(out, FSParamEffect{Effect: e.Effect, Param: i, Method: e.Method})
				}
			}
			return true
		})
	}
	p.fsEffects.Store(key, out)
	return out
}

// FSEffectHelper reports whether a call may invoke a project function
// with a file-system effect on a parameter's path, judged by the name it
// is called by: the names of every such function are gathered once. Like
// FSCheckHelper, it spares resolving every call; a call it passes must
// still be resolved.
func (p *Project) FSEffectHelper(f *File, call syntax.Node) bool {
	if p == nil {
		return false
	}
	return p.fsHelperNamed(f, call, &p.fsEffectNames)
}

// lastSegment is the name a call uses for a function declared as
// exports.name or Paths.name.
func lastSegment(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// PathParam returns the index of the parameter of fn that path expression
// e names (directly, or as a for-of variable over an array holding it), or
// -1.
func PathParam(f *File, fn *Func, e syntax.Node) int {
	e = e.Unparen()
	if !e.Is(syntax.KIdentifier) {
		return -1
	}
	b := f.Resolve(e)
	if b != nil && b.Kind != BParam {
		// for (const file of [dir, `${dir}.tmp`]) rm(file): the loop
		// variable takes the parameter's value.
		if el := LoopElements(f, b); len(el) > 0 {
			for _, x := range el {
				if i := PathParam(f, fn, x); i >= 0 {
					return i
				}
			}
		}
		return -1
	}
	if b == nil || b.Scope == nil || b.Scope.Node != fn.Node {
		return -1
	}
	for i := range fn.Params() {
		if fn.ParamName(i) == b.Name {
			return i
		}
	}
	return -1
}

// LoopElements returns the array literal elements a for-of loop variable
// iterates over (for (const x of [a, b]) or of a constant bound to one).
func LoopElements(f *File, b *Binding) []syntax.Node {
	loop := b.Decl.Parent()
	for loop.Is(syntax.KLexicalDeclaration, syntax.KVariableDeclaration, syntax.KVariableDeclarator) {
		loop = loop.Parent()
	}
	if !loop.Is(syntax.KForInStatement) || !loop.HasToken("of") {
		return nil
	}
	it := loop.Child(syntax.FRight).Unparen()
	if it.Is(syntax.KIdentifier) {
		it = f.Env().Init(it).Unparen()
	}
	if !it.Is(syntax.KArray) {
		return nil
	}
	var out []syntax.Node
	for _, el := range it.NamedChildren() {
		if el.Is(syntax.KSpreadElement) {
			continue
		}
		out = append(out, el)
	}
	return out
}
