package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A router mounted under a prefix serves its routes there:
// app.use("/racy", racyRouter), fastify.register(routes, { prefix }),
// new Router({ prefix }), app.route("/api", sub), new Hono().basePath(p).
// Routers are known by the binding that holds them (a module-level
// variable, or a plugin's parameter), across imports.

// routerKey names a router: the binding that holds it.
type routerKey struct {
	f *File
	b *Binding
}

// mount is one mounting of a router under a prefix in a parent.
type mount struct {
	parent routerKey // nil binding: the parent is not known
	prefix string
}

// mountIndex holds the mounts of every router.
type mountIndex map[routerKey][]mount

// collectMounts finds every mount in the project.
func (p *Project) collectMounts() mountIndex {
	ix := mountIndex{}
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		for _, call := range f.Calls() {
			m := models.Method(call)
			recv := models.Receiver(call)
			if recv.IsNil() {
				continue
			}
			args := models.Args(call)
			switch {
			case models.MountMethods[m] && len(args) >= 2:
				prefix, ok := StringValue(args[0])
				if !ok || !isPathPattern(prefix) {
					continue
				}
				pf, pb := p.routerBinding(f, recv, 0)
				for _, a := range args[1:] {
					if cf, cb := p.routerBinding(f, a, 0); cb != nil {
						k := routerKey{cf, cb}
						ix[k] = append(ix[k], mount{routerKey{pf, pb}, prefix})
					}
				}
			case models.PluginMountMethods[m] && len(args) >= 2 && args[1].Unparen().Is(syntax.KObject):
				prefix, ok := optionPrefix(args[1].Unparen())
				if !ok {
					continue
				}
				hf, fn := p.resolveHandler(f, args[0])
				if fn == nil || fn.Body.IsNil() {
					continue
				}
				name := fn.ParamName(0)
				if name == "" {
					continue
				}
				if b := hf.ScopeAt(fn.Body).Lookup(name); b != nil {
					pf, pb := p.routerBinding(f, recv, 0)
					k := routerKey{hf, b}
					ix[k] = append(ix[k], mount{routerKey{pf, pb}, prefix})
				}
			}
		}
	}
	return ix
}

// optionPrefix reads { prefix: "/api" }.
func optionPrefix(obj syntax.Node) (string, bool) {
	for _, k := range models.PrefixOptions {
		if v := objectMember(obj, k); !v.IsNil() {
			return StringValue(v)
		}
	}
	return "", false
}

// prefixOf returns the path prefix of a router's routes: its own (a
// constructor's prefix option, basePath) after the prefix it is mounted
// under, when it is mounted under exactly one.
func (ix mountIndex) prefixOf(f *File, b *Binding, depth int) string {
	own := ownPrefix(b)
	ms := ix[routerKey{f, b}]
	if len(ms) == 0 || depth > 8 {
		return own
	}
	for _, m := range ms[1:] {
		if m != ms[0] {
			return own // mounted in several places: no single path
		}
	}
	parent := ""
	if m := ms[0]; m.parent.b != nil {
		parent = ix.prefixOf(m.parent.f, m.parent.b, depth+1)
	}
	return joinRoutePath(joinRoutePath(parent, ms[0].prefix), own)
}

// ownPrefix returns the prefix a router is made with: new Router({ prefix:
// "/api" }) or new Hono().basePath("/api").
func ownPrefix(b *Binding) string {
	if b.Init.IsNil() || b.Init == b.Decl {
		return ""
	}
	init := b.Init.Unparen()
	switch {
	case init.Is(syntax.KNewExpression):
		if args := models.Args(init); len(args) == 1 && args[0].Unparen().Is(syntax.KObject) {
			if s, ok := optionPrefix(args[0].Unparen()); ok {
				return s
			}
		}
	case init.Is(syntax.KCallExpression):
		m := models.Method(init)
		if args := models.Args(init); models.BasePathMethods[m] && len(args) == 1 {
			if s, ok := StringValue(args[0]); ok {
				return s
			}
		}
	}
	return ""
}

// routerBinding returns the binding that holds the router an expression
// evaluates to: a variable, a parameter, or what a module exports under
// the imported name; router.routes() is the router.
func (p *Project) routerBinding(f *File, e syntax.Node, depth int) (*File, *Binding) {
	if depth > 8 {
		return nil, nil
	}
	e = e.Unparen()
	if e.Is(syntax.KCallExpression) {
		if m := models.Method(e); models.RouterHandles[m] {
			return p.routerBinding(f, models.Receiver(e), depth+1)
		}
		if spec, ok := RequireSpec(e); ok {
			// app.use("/x", require("./routes")): module.exports = router.
			return p.exportedRouter(f, spec, "default", depth)
		}
		return nil, nil
	}
	if !e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return nil, nil
	}
	b := f.Resolve(e)
	switch {
	case b == nil:
		return nil, nil
	case b.Import != nil:
		name := b.Import.Name
		if name == "*" && b.Import.Require {
			name = "default"
		}
		return p.exportedRouter(f, b.Import.Spec, name, depth)
	case b.Kind == BFunction || b.Kind == BClass:
		return nil, nil
	}
	if init := b.Init.Unparen(); !init.IsNil() && init != b.Decl && init.Is(syntax.KIdentifier) {
		// const router = baseRouter: the same router.
		if rf, rb := p.routerBinding(f, init, depth+1); rb != nil {
			return rf, rb
		}
	}
	return f, b
}

// exportedRouter returns the binding of the router a module exports under
// name.
func (p *Project) exportedRouter(f *File, spec, name string, depth int) (*File, *Binding) {
	tf := p.ResolveSpec(f, spec)
	if tf == nil || name == "*" {
		return nil, nil
	}
	ef, ex := p.ResolveExport(tf, name)
	if ex == nil || ex.Value.IsNil() {
		return nil, nil
	}
	v := ex.Value.Unparen()
	if v.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return p.routerBinding(ef, v, depth+1)
	}
	// export const router = Router(): the declarator's name holds it.
	if d := v.Parent(); d.Is(syntax.KVariableDeclarator) {
		if id := d.Child(syntax.FName); id.Is(syntax.KIdentifier) {
			if b := ef.Resolve(id); b != nil {
				return ef, b
			}
		}
	}
	return nil, nil
}
