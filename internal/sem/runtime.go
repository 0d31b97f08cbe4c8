package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Browser reports whether a file is front-end code: it has a "use client"
// directive, renders JSX, imports a client UI library, or uses a
// browser-only global or a member of a service worker's scope
// (self.clients; the lists are data in internal/models/web.go); or
// only front-end code imports it and it has no "use server" directive. A server component that renders JSX
// counts too: none of them is a long-running Node process that an
// unhandled rejection ends, and none of them can hold a database
// transaction.
func (f *File) Browser() bool {
	f.browserOnce.Do(func() {
		f.browser = f.ownBrowser()
		if !f.browser && f.project != nil {
			f.browser = f.project.browserOnly()[f]
		}
	})
	if f.project != nil {
		f.project.noteFact(f.Abs, browserFact+f.Abs)
	}
	return f.browser
}

// serverDirective reports a module that starts with "use server": its
// functions run on the server, whatever imports them.
func (f *File) serverDirective() bool {
	for _, c := range f.Root().NamedChildren() {
		if c.Is(syntax.KComment) {
			continue
		}
		s, ok := StringValue(c.NamedChild(0))
		return c.Is(syntax.KExpressionStatement) && ok && s == "use server"
	}
	return false
}

// ownBrowser is what a file's own code says (see Browser), memoised.
func (f *File) ownBrowser() bool {
	f.ownBrowserOnce.Do(func() { f.ownBrowserV = f.isBrowser() })
	return f.ownBrowserV
}

// browserOnly returns the files only front-end code loads: a file that
// front-end code imports, directly or through other project files, and
// that no other way of loading it reaches. The other ways start at the
// project's server entries: a file that is not front-end code by its
// own code and that no project file imports (tests and barrels nothing
// imports aside), and every module with a "use server" directive; from
// there they follow imports, except into files that are front-end code
// by their own code. A module that server code also imports is not one
// of them; modules that import each other (a store's slices) are, when
// only front-end code loads the ring.
func (p *Project) browserOnly() map[*File]bool {
	p.browserOnlyOnce.Do(func() {
		p.buildImporters()
		counted := func(imp *File) bool {
			return !imp.Test && !(imp.reexportsOnly() && !p.imported(imp))
		}
		server := map[*File]bool{}
		var stack []*File
		for _, f := range p.Files {
			if f.Test || f.ownBrowser() {
				continue
			}
			entry := f.serverDirective()
			if !entry && !(f.reexportsOnly() && !p.imported(f)) {
				entry = true
				for _, imp := range p.importers[f] {
					if counted(imp) {
						entry = false
						break
					}
				}
			}
			if entry {
				server[f] = true
				stack = append(stack, f)
			}
		}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, t := range p.imports[f] {
				if !server[t] && !t.ownBrowser() {
					server[t] = true
					stack = append(stack, t)
				}
			}
		}
		only := map[*File]bool{}
		for _, f := range p.Files {
			if f.ownBrowser() && !f.Test {
				stack = append(stack, f)
			}
		}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, t := range p.imports[f] {
				if !only[t] && !server[t] && !t.ownBrowser() && !t.Test {
					only[t] = true
					stack = append(stack, t)
				}
			}
		}
		p.browserOnlyFiles = only
	})
	return p.browserOnlyFiles
}

// reexportsOnly reports a barrel file: every statement re-exports from
// another module (export * from "./a"; export { b } from "./b").
func (f *File) reexportsOnly() bool {
	n := 0
	for _, c := range f.Root().NamedChildren() {
		switch {
		case c.Is(syntax.KComment):
		case c.Is(syntax.KExportStatement) && !c.Child(syntax.FSource).IsNil():
			n++
		default:
			return false
		}
	}
	return n > 0
}

// imported reports whether code other than tests imports f.
func (p *Project) imported(f *File) bool {
	for _, imp := range p.importers[f] {
		if !imp.Test {
			return true
		}
	}
	return false
}

func (f *File) isBrowser() bool {
	root := f.Root()
	for _, c := range root.NamedChildren() {
		if c.Is(syntax.KComment) {
			continue
		}
		if c.Is(syntax.KExpressionStatement) {
			if s, ok := StringValue(c.NamedChild(0)); ok && s == "use client" {
				return true
			}
		}
		break
	}
	for _, spec := range f.Specs {
		if strings.HasSuffix(spec, "/server") || !f.Loads(spec) {
			continue // react-dom/server renders on the server; import type loads nothing
		}
		if models.ClientModule(spec) {
			return true
		}
	}
	found := false
	root.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KJsxOpeningElement, syntax.KJsxSelfClosingElement):
			found = true
		case n.Is(syntax.KIdentifier) && models.BrowserGlobals[n.Text()]:
			if par := n.Parent(); !(par.Is(syntax.KMemberExpression) && n.Field() == syntax.FProperty) && f.Resolve(n) == nil {
				found = true
			}
		case n.Is(syntax.KMemberExpression) && models.WorkerScopeMembers[n.Child(syntax.FProperty).Text()]:
			o := n.Child(syntax.FObject).Unparen()
			found = o.Is(syntax.KIdentifier) && o.Text() == "self" && f.Resolve(o) == nil
		}
		return true
	})
	return found
}
