package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file answers what two path expressions have to do with each other:
// the same path, one inside the other, or one built from a variable.

// SamePath reports whether path expression checked names a path one of
// used names: they share a key atom (the same variable, the same
// template).
func (f *File) SamePath(checked syntax.Node, used []syntax.Node) bool {
	ca := f.KeyAtoms(checked)
	for _, u := range used {
		if ShareAtom(ca, f.KeyAtoms(u)) {
			return true
		}
	}
	return false
}

// PathInside reports whether path expression inner names a path inside
// the one outer names: path.join(dir, "pkg"), or a constant holding it,
// inside dir. It follows up to three steps, each a constant's value or a
// join's first argument.
func (f *File) PathInside(inner, outer syntax.Node) bool {
	want := f.Canonical(outer)
	for i := 0; i < 3; i++ {
		inner = inner.Unparen()
		if inner.Is(syntax.KIdentifier) {
			init := f.Env().Init(inner)
			if init.IsNil() {
				return false
			}
			inner = init
			continue
		}
		if !inner.Is(syntax.KCallExpression) {
			return false
		}
		m := models.Method(inner)
		args := models.Args(inner)
		spec := strings.TrimPrefix(f.ImportSpecOf(inner), "node:")
		if len(args) < 2 || !models.PathBuilders[spec][m] || m != "join" && m != "resolve" {
			return false
		}
		if f.Canonical(args[0]) == want {
			return true
		}
		inner = args[0]
	}
	return false
}

// PathBuiltFrom reports whether e is a variable holding a path built from
// base's by a path builder: const nm = path.join(link, "node_modules"),
// or a variable built from such a variable in turn. base itself is not
// built from base.
func (f *File) PathBuiltFrom(e syntax.Node, base *Binding) bool {
	return f.pathBuiltFrom(e, base, 0)
}

func (f *File) pathBuiltFrom(e syntax.Node, base *Binding, depth int) bool {
	e = e.Unparen()
	if depth > 3 || !e.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(e)
	if b == nil {
		return false
	}
	if b == base {
		return depth > 0
	}
	init := f.Env().Init(e).Unparen()
	if !init.Is(syntax.KCallExpression) || !models.IsPathBuilder(init, f.Env()) {
		return false
	}
	if args := models.Args(init); len(args) > 0 {
		return f.pathBuiltFrom(args[0], base, depth+1)
	}
	return false
}

// DependsOnScope reports whether expression e uses a binding declared
// inside scope (a callback's parameters or locals), following local
// constants to their values; past six constants it answers yes.
func (f *File) DependsOnScope(e, scope syntax.Node) bool {
	return f.dependsOnScope(e, scope, 0)
}

func (f *File) dependsOnScope(e, scope syntax.Node, depth int) bool {
	if depth > 6 {
		return true
	}
	found := false
	e.Walk(func(m syntax.Node) bool {
		if found {
			return false
		}
		if !m.Is(syntax.KIdentifier) {
			return true
		}
		b := f.Resolve(m)
		if b == nil || !scope.Contains(b.Decl) {
			return true
		}
		if init := f.Env().Init(m); b.Kind == BConst && !init.IsNil() {
			found = f.dependsOnScope(init, scope, depth+1)
			return false
		}
		found = true
		return false
	})
	return found
}
