package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// browserGlobals are globals only a browser provides.
var browserGlobals = map[string]bool{
	"window": true, "document": true, "localStorage": true, "sessionStorage": true,
	"navigator": true, "$": true, "jQuery": true,
}

// clientModules are imported only by code that runs in a browser: React
// hooks and UI libraries, client-side routers and data-fetching hooks.
var clientModules = []string{
	"react", "react-dom", "next/navigation", "next/router", "@tanstack/react-query",
	"@trpc/react-query", "swr", "vue", "svelte", "@angular/core",
}

// Browser reports whether a file is front-end code: it has a "use client"
// directive, renders JSX, imports a client UI library, or uses a
// browser-only global. A server component that renders JSX counts too:
// none of them is a long-running Node process that an unhandled rejection
// ends, and none of them can hold a database transaction.
func (f *File) Browser() bool {
	f.browserOnce.Do(func() { f.browser = f.isBrowser() })
	return f.browser
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
		if strings.HasSuffix(spec, "/server") {
			continue // react-dom/server renders on the server
		}
		for _, m := range clientModules {
			if spec == m || strings.HasPrefix(spec, m+"/") {
				return true
			}
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
		case n.Is(syntax.KIdentifier) && browserGlobals[n.Text()]:
			if par := n.Parent(); !(par.Is(syntax.KMemberExpression) && n.Field() == syntax.FProperty) && f.Resolve(n) == nil {
				found = true
			}
		}
		return true
	})
	return found
}
