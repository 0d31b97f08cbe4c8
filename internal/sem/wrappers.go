package sem

import (
	"path"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Wrapper is a data-access wrapper of the project that the configuration
// describes ("lib/db#query": "sql"): calls of it are store accesses of that
// kind, whatever its body looks like (or when its body is not scanned).
type Wrapper struct {
	// Module is a path relative to Dir ("lib/db") or a package name
	// ("@acme/cache").
	Module string
	// Export is the exported name, possibly followed by members
	// ("query", "db.query").
	Export string
	// Kind is one of models.WrapperKinds.
	Kind string
	// Dir is the absolute, slash-separated directory Module is relative to.
	Dir string

	file *File // the module, when it is a scanned file
}

// SetWrappers teaches the project its configured wrappers.
func (p *Project) SetWrappers(ws []Wrapper) {
	p.wrappers = nil
	for _, w := range ws {
		if w.Dir != "" && !strings.HasPrefix(w.Module, "@") {
			w.file = p.lookup(path.Join(w.Dir, w.Module))
		}
		p.wrappers = append(p.wrappers, w)
	}
}

// wrapperAccess returns what a call of a configured wrapper does.
func (f *File) wrapperAccess(call syntax.Node) (models.Access, bool) {
	p := f.project
	if p == nil || len(p.wrappers) == 0 {
		return models.Access{}, false
	}
	root := call.Child(syntax.FFunction).Unparen()
	var members []string
	for root.Is(syntax.KMemberExpression) {
		members = append([]string{root.Child(syntax.FProperty).Text()}, members...)
		root = root.Child(syntax.FObject).Unparen()
	}
	if !root.Is(syntax.KIdentifier) {
		return models.Access{}, false
	}
	b := f.Resolve(root)
	if b == nil || b.Import == nil {
		return models.Access{}, false
	}
	var names []string
	switch b.Import.Name {
	case "*", "default":
		if len(members) > 0 {
			names = append(names, strings.Join(members, "."))
		}
		if b.Import.Name == "default" {
			names = append(names, strings.Join(append([]string{"default"}, members...), "."))
		}
	default:
		names = append(names, strings.Join(append([]string{b.Import.Name}, members...), "."))
	}
	for _, w := range p.wrappers {
		if !containsString(names, w.Export) || !p.isModule(f, b.Import, w) {
			continue
		}
		if a, ok := models.WrapperAccess(w.Kind, call, env{f}); ok {
			return a, true
		}
	}
	return models.Access{}, false
}

// isModule reports whether an import names a wrapper's module: the same
// specifier, or a specifier that resolves to the module's file (directly
// or through re-exports).
func (p *Project) isModule(f *File, imp *Import, w Wrapper) bool {
	if imp.Spec == w.Module || imp.Spec == strings.TrimPrefix(w.Module, "./") {
		return true
	}
	if w.file == nil {
		return false
	}
	tf := p.ResolveSpec(f, imp.Spec)
	if tf == nil {
		return false
	}
	if tf == w.file {
		return true
	}
	if imp.Name != "*" && imp.Name != "default" {
		if ef, _ := p.ResolveExport(tf, imp.Name); ef == w.file {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
