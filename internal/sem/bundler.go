package sem

import (
	"path"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// bundlerAliases returns the import aliases that the build configuration
// modules among files define (nuxt.config.ts, svelte.config.js,
// vite.config.ts, webpack.config.js; see models.Bundler): the
// framework's own aliases, and those its configuration object lists,
// each scoped to the files under the configuration's directory. A target
// racecheck cannot work out from the configuration's text (a value
// computed at run time) is left out.
func bundlerAliases(files []*File) []Alias {
	var out []Alias
	for _, f := range files {
		b, ok := models.BundlerOf(f.Abs)
		if !ok {
			continue
		}
		dir := path.Dir(f.Abs)
		for _, bi := range b.Builtin {
			var targets []string
			for _, d := range bi.Dirs {
				targets = append(targets, path.Join(dir, d))
			}
			out = append(out, prefixAliases(bi.Alias, targets, dir)...)
		}
		ex := f.Exports["default"]
		if ex == nil {
			continue
		}
		cfg := configObject(f, ex.Value, 0)
		for _, p := range b.AliasPaths {
			if v := propertyPath(f, cfg, p); !v.IsNil() {
				out = append(out, aliasEntries(f, v, dir)...)
			}
		}
	}
	return out
}

// prefixAliases is an alias as bundlers apply it: to the specifier
// itself and to paths under it ("#db" and "#db/users"). A key that ends
// in "/*" (SvelteKit's form) is a pattern already.
func prefixAliases(key string, targets []string, scope string) []Alias {
	if len(targets) == 0 || key == "" {
		return nil
	}
	if strings.HasSuffix(key, "/*") {
		var ts []string
		for _, t := range targets {
			ts = append(ts, strings.TrimSuffix(t, "/*")+"/*")
		}
		return []Alias{{Pattern: key, Targets: ts, Scope: scope}}
	}
	if k, ok := strings.CutSuffix(key, "$"); ok {
		return []Alias{{Pattern: k, Targets: targets, Scope: scope}} // webpack: an exact match only
	}
	exact := Alias{Pattern: key, Targets: targets, Scope: scope}
	under := Alias{Pattern: strings.TrimSuffix(key, "/") + "/*", Scope: scope}
	for _, t := range targets {
		under.Targets = append(under.Targets, strings.TrimSuffix(t, "/")+"/*")
	}
	return []Alias{exact, under}
}

// configObject returns the object literal a configuration module exports:
// the literal itself, or the one given to a helper
// (defineNuxtConfig({...}), defineConfig(({ mode }) => ({...}))), through
// variables of the module.
func configObject(f *File, e syntax.Node, depth int) syntax.Node {
	if depth > 4 || e.IsNil() {
		return syntax.Node{}
	}
	e = e.Unparen()
	switch {
	case e.Is(syntax.KObject):
		return e
	case e.Is(syntax.KIdentifier):
		if b := f.Resolve(e); b != nil && b.Import == nil && !b.Init.IsNil() && b.Init != b.Decl {
			return configObject(f, b.Init, depth+1)
		}
	case e.Is(syntax.KCallExpression):
		for _, a := range models.Args(e) {
			if o := configObject(f, a, depth+1); !o.IsNil() {
				return o
			}
		}
	case IsFunction(e):
		if fn := f.FuncOf(e); fn != nil {
			for _, r := range fn.Returns {
				if o := configObject(f, r, depth+1); !o.IsNil() {
					return o
				}
			}
		}
	}
	return syntax.Node{}
}

// propertyPath follows keys from an object literal to the value they
// name, through variables of the module.
func propertyPath(f *File, obj syntax.Node, keys []string) syntax.Node {
	v := obj
	for _, k := range keys {
		if v = localValue(f, v); !v.Is(syntax.KObject) {
			return syntax.Node{}
		}
		if v = objectMember(v, k); v.IsNil() {
			return syntax.Node{}
		}
	}
	return localValue(f, v)
}

// localValue is what an expression is, through the module's own
// variables.
func localValue(f *File, e syntax.Node) syntax.Node {
	for i := 0; i < 4 && !e.IsNil(); i++ {
		e = e.Unparen()
		if !e.Is(syntax.KIdentifier) {
			return e
		}
		b := f.Resolve(e)
		if b == nil || b.Import != nil {
			return syntax.Node{}
		}
		e = b.Value()
	}
	return e
}

// aliasEntries reads an alias table: an object of alias to path, or
// Vite's array of { find, replacement } (a find that is a string).
func aliasEntries(f *File, v syntax.Node, dir string) []Alias {
	var out []Alias
	add := func(key syntax.Node, val syntax.Node, literalKey bool) {
		k, ok := StringValue(key)
		if !ok && literalKey && key.Is(syntax.KPropertyIdentifier) {
			k, ok = key.Text(), true
		}
		if !ok {
			return
		}
		if t, ok := pathValue(f, val, dir, 0); ok {
			out = append(out, prefixAliases(k, []string{t}, dir)...)
		}
	}
	switch {
	case v.Is(syntax.KObject):
		for _, c := range v.NamedChildren() {
			if c.Is(syntax.KPair) {
				add(c.Child(syntax.FKey), c.Child(syntax.FValue), true)
			}
		}
	case v.Is(syntax.KArray):
		for _, el := range v.NamedChildren() {
			if el = localValue(f, el); !el.Is(syntax.KObject) {
				continue
			}
			find, repl := objectMember(el, "find"), objectMember(el, "replacement")
			if !find.IsNil() && !repl.IsNil() {
				add(find, repl, false)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out
}

// pathValue works out the absolute path an expression of a configuration
// module in dir names: a string (relative to dir), __dirname,
// import.meta.dirname, process.cwd() (the configuration's directory, where
// the tool runs), path.resolve and path.join of such parts,
// fileURLToPath(new URL("./x", import.meta.url)) and its .pathname, and
// variables holding one of these.
func pathValue(f *File, e syntax.Node, dir string, depth int) (string, bool) {
	if depth > 6 || e.IsNil() {
		return "", false
	}
	e = e.Unparen()
	if s, ok := StringValue(e); ok {
		if path.IsAbs(s) {
			return path.Clean(s), true
		}
		return path.Join(dir, s), true
	}
	switch t := e.Text(); {
	case t == "__dirname" || t == "import.meta.dirname":
		return dir, true
	case t == "process.cwd()":
		return dir, true
	}
	switch {
	case e.Is(syntax.KIdentifier):
		if v := localValue(f, e); !v.IsNil() && v != e {
			return pathValue(f, v, dir, depth+1)
		}
	case e.Is(syntax.KMemberExpression):
		if e.Child(syntax.FProperty).Text() == "pathname" {
			return pathValue(f, e.Child(syntax.FObject), dir, depth+1)
		}
	case e.Is(syntax.KNewExpression):
		// new URL("./server/", import.meta.url)
		args := e.Child(syntax.FArguments).NamedChildren()
		if e.Child(syntax.FConstructor).Text() == "URL" && len(args) == 2 && args[1].Text() == "import.meta.url" {
			if s, ok := StringValue(args[0]); ok && !path.IsAbs(s) {
				return path.Join(dir, s), true
			}
		}
	case e.Is(syntax.KTemplateString):
		// `${__dirname}/src`: the text with each substitution worked out.
		text, start := e.Text(), e.Start()
		var b strings.Builder
		last := uint32(1) // after the opening backquote
		for _, c := range e.Children() {
			if !c.Is(syntax.KTemplateSubstitution) {
				continue
			}
			p, ok := pathValue(f, c.NamedChild(0), dir, depth+1)
			if !ok {
				return "", false
			}
			b.WriteString(text[last : c.Start()-start])
			b.WriteString(p)
			last = c.End() - start
		}
		if int(last) > len(text)-1 {
			return "", false
		}
		b.WriteString(text[last : len(text)-1])
		s := b.String()
		if !path.IsAbs(s) {
			s = path.Join(dir, s)
		}
		return path.Clean(s), true
	case e.Is(syntax.KCallExpression):
		chain, m := models.Callee(e)
		args := models.Args(e)
		switch models.PathFunc(chain, m) {
		case "fileURLToPath":
			if len(args) == 1 {
				return pathValue(f, args[0], dir, depth+1)
			}
		case "resolve", "join":
			if len(args) == 0 {
				return "", false
			}
			out := ""
			for i, a := range args {
				s, ok := StringValue(a)
				if !ok {
					p, ok := pathValue(f, a, dir, depth+1)
					if !ok {
						return "", false
					}
					s = p
				}
				switch {
				case i == 0 && !path.IsAbs(s):
					out = path.Join(dir, s)
				case m == "resolve" && path.IsAbs(s):
					out = s
				default:
					out = path.Join(out, s)
				}
			}
			return path.Clean(out), true
		}
	}
	return "", false
}
