package sem

import (
	"sort"
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Route is an HTTP route of a web framework: the method and path pattern a
// handler is registered for.
type Route struct {
	Method    string // GET, POST, ...; ALL for every method
	Path      string // the framework's pattern: /cards/:code, /orders/[id]
	Framework string // one of models.Express, models.Fastify, ...
	File      *File  // where the route is registered
	At        syntax.Node
	// Body lists the fields of the JSON request body its handlers read
	// (req.body.code, const { email } = await request.json()), sorted.
	Body []string
}

// same reports whether two routes are the same method and path.
func (r *Route) same(o *Route) bool {
	return r.Method == o.Method && r.Path == o.Path && r.Framework == o.Framework
}

// routeIndex maps functions to the routes they serve.
type routeIndex struct {
	once sync.Once
	// direct holds the routes a function is registered for (as the handler
	// or as one of the route's own middleware).
	direct map[*Func][]*Route
	// reached holds the routes whose handlers call a function, directly or
	// through a few calls.
	reached map[*Func][]*Route
}

// routeReach is how many calls deep a handler's callees count as serving
// its route.
const routeReach = 4

// RouteAt returns the route the code at node n of file f serves, or nil:
// the route of the innermost enclosing function registered as a route
// handler (or middleware of one route), else the one route whose handlers
// reach that function through calls. A function that serves several
// routes has none.
func (p *Project) RouteAt(f *File, n syntax.Node) *Route {
	if p == nil || f == nil {
		return nil
	}
	ix := p.routes()
	p.noteFact(f.Abs, routesFact+f.Abs)
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if rs := ix.direct[fn]; len(rs) > 0 {
			return uniqueRoute(rs)
		}
	}
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if rs := ix.reached[fn]; len(rs) > 0 {
			return uniqueRoute(rs)
		}
	}
	return nil
}

// uniqueRoute returns the route when every entry is the same route.
func uniqueRoute(rs []*Route) *Route {
	for _, r := range rs[1:] {
		if !r.same(rs[0]) {
			return nil
		}
	}
	return rs[0]
}

// routes builds the project's route index once.
func (p *Project) routes() *routeIndex {
	ix := &p.routeIx
	ix.once.Do(func() { ix.build(p) })
	return ix
}

func (ix *routeIndex) build(p *Project) {
	ix.direct = map[*Func][]*Route{}
	ix.reached = map[*Func][]*Route{}
	type handler struct {
		f  *File
		fn *Func
		r  *Route
	}
	var handlers []handler
	add := func(hf *File, fn *Func, r *Route) {
		if fn == nil {
			return
		}
		for _, o := range ix.direct[fn] {
			if o.same(r) {
				return
			}
		}
		ix.direct[fn] = append(ix.direct[fn], r)
		handlers = append(handlers, handler{hf, fn, r})
	}
	mounts := p.collectMounts()
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		for _, reg := range p.fileRoutes(f) {
			if !reg.recv.IsNil() {
				if rf, rb := p.routerBinding(f, reg.recv, 0); rb != nil {
					reg.route.Path = joinRoutePath(mounts.prefixOf(rf, rb, 0), reg.route.Path)
				}
			}
			for _, h := range reg.handlers {
				hf, fn := p.resolveHandler(f, h)
				add(hf, fn, reg.route)
				if fn != nil {
					reg.route.Body = mergeFields(reg.route.Body, bodyFields(fn))
				}
			}
		}
	}
	for _, h := range handlers {
		ix.reach(p, h.f, h.fn, h.r, routeReach, map[*Func]bool{})
	}
}

// reach records r for every function fn calls, to depth calls deep.
func (ix *routeIndex) reach(p *Project, f *File, fn *Func, r *Route, depth int, seen map[*Func]bool) {
	if depth == 0 || fn.Body.IsNil() || seen[fn] {
		return
	}
	seen[fn] = true
	fn.Body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		cf, callee := p.ResolveCall(f, n)
		if callee == nil || callee == fn {
			return true
		}
		known := false
		for _, o := range ix.reached[callee] {
			known = known || o.same(r)
		}
		if !known {
			ix.reached[callee] = append(ix.reached[callee], r)
		}
		ix.reach(p, cf, callee, r, depth-1, seen)
		return true
	})
}

// routeReg is one route registration: the route and the expressions of its
// handlers (middleware first, the handler last).
type routeReg struct {
	route    *Route
	handlers []syntax.Node
	recv     syntax.Node // the app or router a call registers on
}

// fileRoutes finds the routes a file registers.
func (p *Project) fileRoutes(f *File) []routeReg {
	var out []routeReg
	if path, ok := models.RouteFilePath(f.Path); ok {
		out = append(out, nextRoutes(f, path)...)
	}
	out = append(out, controllerRoutes(f)...)
	fw, known := "", false
	for _, call := range f.Calls() {
		m := models.Method(call)
		if _, verb := models.RouteVerbs[m]; !verb && !models.RouteObjectMethods[m] {
			continue
		}
		if !known {
			fw, known = p.fileFramework(f), true
		}
		if reg, ok := f.callRoute(call, fw); ok {
			reg.recv = models.Receiver(call)
			out = append(out, reg)
		}
	}
	for _, reg := range out {
		reg.route.File = f
	}
	return out
}

// fileFramework returns the web framework a file registers routes with: the
// one framework package it imports, else the one the files importing it
// import (a routes module handed the app), else the one the project files
// it imports import (a routes module importing the app), or "".
func (p *Project) fileFramework(f *File) string {
	if fw := importedFramework(f); fw != "" {
		return fw
	}
	if fw := oneFramework(p.Importers(f)[1:]); fw != "" {
		return fw
	}
	var deps []*File
	for _, spec := range f.Specs {
		if t := p.ResolveSpec(f, spec); t != nil && t != f {
			deps = append(deps, t)
		}
	}
	return oneFramework(deps)
}

// oneFramework returns the framework the files import when they agree on
// one, or "".
func oneFramework(files []*File) string {
	fw := ""
	for _, imp := range files {
		switch g := importedFramework(imp); {
		case g == "":
		case fw == "":
			fw = g
		case fw != g:
			return ""
		}
	}
	return fw
}

// importedFramework returns the one web framework whose packages f imports,
// or "".
func importedFramework(f *File) string {
	fw := ""
	for _, spec := range f.Specs {
		g := models.WebFrameworkPackages[spec]
		switch {
		case g == "" || g == models.NestJS || g == models.NextJS:
		case fw == "":
			fw = g
		case fw != g:
			return ""
		}
	}
	return fw
}

// callRoute reads a route registration call: app.post("/x", mw, handler),
// router.route("/x").get(handler), fastify.route({ method, url, handler }).
func (f *File) callRoute(call syntax.Node, fw string) (routeReg, bool) {
	m := models.Method(call)
	recv := models.Receiver(call)
	if recv.IsNil() {
		return routeReg{}, false
	}
	args := models.Args(call)
	if fw == "" {
		fw = models.PluginReceiverNames[rootName(recv)]
	}
	if fw == "" || !f.routeReceiver(recv) {
		return routeReg{}, false
	}
	if models.RouteObjectMethods[m] && len(args) == 1 && args[0].Unparen().Is(syntax.KObject) {
		return objectRoute(args[0].Unparen(), fw, call)
	}
	verb, ok := models.RouteVerbs[m]
	if !ok || len(args) == 0 {
		return routeReg{}, false
	}
	if path, ok := chainPath(recv); ok {
		return handlerArgs(&Route{Method: verb, Path: path, Framework: fw, At: call}, args)
	}
	path, ok := StringValue(args[0])
	rest := args[1:]
	if ok && !isPathPattern(path) && len(args) > 1 {
		// koa-router's named routes: router.get("user", "/users/:id", h).
		path, ok = StringValue(args[1])
		rest = args[2:]
	}
	if !ok || !isPathPattern(path) {
		return routeReg{}, false
	}
	return handlerArgs(&Route{Method: verb, Path: path, Framework: fw, At: call}, rest)
}

// isPathPattern reports whether a string is a route path.
func isPathPattern(s string) bool { return strings.HasPrefix(s, "/") || s == "*" }

// handlerArgs keeps the arguments that may be handlers: functions and names
// of functions (not option objects or strings).
func handlerArgs(r *Route, args []syntax.Node) (routeReg, bool) {
	reg := routeReg{route: r}
	for _, a := range args {
		a = a.Unparen()
		if isFunction(a) || a.Is(syntax.KIdentifier, syntax.KMemberExpression, syntax.KCallExpression) {
			reg.handlers = append(reg.handlers, a)
		}
	}
	return reg, len(reg.handlers) > 0
}

// chainPath returns the path of router.route("/x") at the start of a chain
// of method registrations: router.route("/x").get(a).post(b).
func chainPath(recv syntax.Node) (string, bool) {
	for r := recv.Unparen(); r.Is(syntax.KCallExpression); r = models.Receiver(r).Unparen() {
		m := models.Method(r)
		args := models.Args(r)
		if models.RouteChainMethods[m] && len(args) == 1 {
			if s, ok := StringValue(args[0]); ok && isPathPattern(s) {
				return s, true
			}
			return "", false
		}
		if _, ok := models.RouteVerbs[m]; !ok {
			return "", false
		}
	}
	return "", false
}

// objectRoute reads fastify.route({ method: "POST", url: "/x", handler }).
func objectRoute(obj syntax.Node, fw string, call syntax.Node) (routeReg, bool) {
	member := func(keys []string) syntax.Node {
		for _, k := range keys {
			if v := objectMember(obj, k); !v.IsNil() {
				return v
			}
		}
		return syntax.Node{}
	}
	mv := member(models.RouteObjectKeys.Method).Unparen()
	if mv.Is(syntax.KArray) && len(mv.NamedChildren()) > 0 {
		mv = mv.NamedChildren()[0]
	}
	method, ok := StringValue(mv)
	if !ok {
		return routeReg{}, false
	}
	path, ok := StringValue(member(models.RouteObjectKeys.Path))
	if !ok || !isPathPattern(path) {
		return routeReg{}, false
	}
	h := member(models.RouteObjectKeys.Handler)
	if h.IsNil() {
		return routeReg{}, false
	}
	return handlerArgs(&Route{Method: strings.ToUpper(method), Path: path, Framework: fw, At: call}, []syntax.Node{h})
}

// rootName returns the identifier at the root of a receiver chain.
func rootName(n syntax.Node) string {
	for {
		n = n.Unparen()
		switch {
		case n.Is(syntax.KMemberExpression):
			n = n.Child(syntax.FObject)
		case n.Is(syntax.KCallExpression):
			n = n.Child(syntax.FFunction)
		case n.Is(syntax.KIdentifier):
			return n.Text()
		default:
			return ""
		}
	}
}

// routeReceiver reports whether a call's receiver may be a web framework's
// app or router: not a value made by (or imported from) another package,
// such as an HTTP client (axios.get("/x", ...), request.get("/x", cb)), nor
// an object literal or a function of the project.
func (f *File) routeReceiver(recv syntax.Node) bool {
	return f.mayBeRouter(recv, 0)
}

// mayBeRouter reports whether expression e may evaluate to an app or
// router.
func (f *File) mayBeRouter(e syntax.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	e = e.Unparen()
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	switch {
	case e.Is(syntax.KThis):
		return true
	case e.Is(syntax.KMemberExpression):
		// server.app, this.router: what holds it decides.
		return f.mayBeRouter(e.Child(syntax.FObject), depth+1)
	case e.Is(syntax.KCallExpression, syntax.KNewExpression):
		// express(), express.Router(), new Hono(), Fastify(), createApp().
		return f.factoryMayMakeRouter(e, depth)
	case !e.Is(syntax.KIdentifier):
		return false
	}
	b := f.Resolve(e)
	switch {
	case b == nil:
		return false
	case b.Import != nil:
		return f.importMayBeRouter(b.Import, depth)
	case b.Kind == BFunction || b.Kind == BClass:
		return false
	case b.Init.IsNil() || b.Init == b.Decl:
		// A parameter (a routes module or plugin handed the app).
		return true
	}
	return f.mayBeRouter(b.Init, depth+1)
}

// factoryMayMakeRouter reports whether a call or new expression may make
// an app or router: its callee comes from a framework package or from the
// project, not from another package.
func (f *File) factoryMayMakeRouter(e syntax.Node, depth int) bool {
	root := e
	for root.Is(syntax.KCallExpression, syntax.KNewExpression, syntax.KMemberExpression) {
		switch {
		case root.Is(syntax.KCallExpression):
			if spec, ok := RequireSpec(root); ok {
				return packageAllowsRoutes(spec) // require("express")()
			}
			root = root.Child(syntax.FFunction).Unparen()
		case root.Is(syntax.KNewExpression):
			root = root.Child(syntax.FConstructor).Unparen()
		default:
			root = root.Child(syntax.FObject).Unparen()
		}
	}
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(root)
	if b == nil {
		return false
	}
	if b.Import != nil {
		return packageAllowsRoutes(b.Import.Spec)
	}
	return true
}

// importMayBeRouter reports whether an imported name may be an app or
// router: one from a framework package, or one a project module exports
// that may be.
func (f *File) importMayBeRouter(imp *Import, depth int) bool {
	if !packageAllowsRoutes(imp.Spec) {
		return false
	}
	if models.WebFrameworkPackages[imp.Spec] != "" {
		return true
	}
	p := f.project
	tf := p.ResolveSpec(f, imp.Spec)
	if tf == nil || imp.Name == "*" {
		return true // not scanned, or a whole module: cannot tell
	}
	ef, ex := p.ResolveExport(tf, imp.Name)
	if ex == nil || ex.Value.IsNil() {
		return true
	}
	return ef.mayBeRouter(ex.Value, depth+1)
}

// packageAllowsRoutes reports whether a value imported from spec may be an
// app or router: a framework package or a module of the project.
func packageAllowsRoutes(spec string) bool {
	if models.WebFrameworkPackages[spec] != "" {
		return true
	}
	return strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/") || strings.HasPrefix(spec, "#")
}

// nextRoutes returns the handlers a Next.js route file exports: export
// async function POST(request) { ... }.
func nextRoutes(f *File, path string) []routeReg {
	var out []routeReg
	for name, ex := range f.Exports {
		if !models.RouteFileExports[name] || ex.From != "" {
			continue
		}
		out = append(out, routeReg{
			route:    &Route{Method: name, Path: path, Framework: models.NextJS, File: f, At: ex.Value},
			handlers: []syntax.Node{ex.Value},
		})
	}
	return out
}

// controllerRoutes returns the route handlers of decorated controller
// classes: @Controller("cards") class { @Post(":code/redeem") redeem() {} }.
func controllerRoutes(f *File) []routeReg {
	if !f.SourceHas(controllerWords...) {
		return nil
	}
	var out []routeReg
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KClassDeclaration, syntax.KClass) {
			return true
		}
		prefix, ok := controllerPrefix(n)
		if !ok {
			return true
		}
		body := n.Child(syntax.FBody)
		var decs []syntax.Node
		for c := body.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			switch {
			case c.Is(syntax.KDecorator):
				decs = append(decs, c)
			case c.Is(syntax.KMethodDefinition):
				for d := c.FirstChild(); !d.IsNil(); d = d.NextSibling() {
					if d.Is(syntax.KDecorator) {
						decs = append(decs, d)
					}
				}
				for _, d := range decs {
					verb, ok := models.RouteDecorators[decoratorName(d)]
					if !ok {
						continue
					}
					sub, _ := decoratorString(d)
					out = append(out, routeReg{
						route:    &Route{Method: verb, Path: joinRoutePath(prefix, sub), Framework: models.NestJS, At: c},
						handlers: []syntax.Node{c},
					})
					break
				}
				decs = nil
			case c.Named() && !c.Is(syntax.KComment):
				decs = nil
			}
		}
		return true
	})
	return out
}

// controllerWords are what a file with a decorated controller mentions.
var controllerWords = Needles("@Controller")

// controllerPrefix returns the path prefix of a class with a controller
// decorator, and whether it has one.
func controllerPrefix(class syntax.Node) (string, bool) {
	for _, d := range classDecorators(class) {
		if models.ControllerDecorators[decoratorName(d)] {
			s, _ := decoratorString(d)
			return s, true
		}
	}
	return "", false
}

// decoratorString returns a decorator's path argument: @Post(":id") or
// @Controller({ path: "cards" }).
func decoratorString(d syntax.Node) (string, bool) {
	call := d.NamedChild(0)
	if !call.Is(syntax.KCallExpression) {
		return "", false
	}
	args := models.Args(call)
	if len(args) == 0 {
		return "", false
	}
	a := args[0].Unparen()
	if a.Is(syntax.KObject) {
		a = objectMember(a, "path")
	}
	return StringValue(a)
}

// joinRoutePath joins a prefix and a path: "/api" and "/cards" give
// "/api/cards"; a catch-all "*" stays as it is without a prefix.
func joinRoutePath(prefix, sub string) string {
	if prefix == "" && sub == "*" {
		return sub
	}
	parts := []string{}
	for _, s := range []string{prefix, sub} {
		if s = strings.Trim(s, "/"); s != "" {
			parts = append(parts, s)
		}
	}
	return "/" + strings.Join(parts, "/")
}

// bodyFields returns the request body fields a handler reads: members of
// X.body (req.body.code, ctx.request.body.code) and names destructured
// from X.body or from await X.json() (Next.js, Hono).
func bodyFields(fn *Func) []string {
	var out []string
	isBody := func(e syntax.Node) bool {
		e = e.Unparen()
		if e.Is(syntax.KAwaitExpression) {
			e = e.NamedChild(0).Unparen()
		}
		switch {
		case e.Is(syntax.KMemberExpression):
			return e.Child(syntax.FProperty).Text() == "body"
		case e.Is(syntax.KCallExpression):
			m := models.Method(e)
			return m == "json" && len(models.Args(e)) == 0 && !models.Receiver(e).IsNil()
		}
		return false
	}
	// Names bound to the whole body: const event = req.body.
	aliases := map[string]bool{}
	fn.Node.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KVariableDeclarator) && n.Child(syntax.FName).Is(syntax.KIdentifier) && isBody(n.Child(syntax.FValue)) {
			aliases[n.Child(syntax.FName).Text()] = true
		}
		return true
	})
	fn.Node.Walk(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KMemberExpression):
			obj := n.Child(syntax.FObject).Unparen()
			if obj.Is(syntax.KMemberExpression) && obj.Child(syntax.FProperty).Text() == "body" || obj.Is(syntax.KIdentifier) && aliases[obj.Text()] {
				out = append(out, n.Child(syntax.FProperty).Text())
			}
		case n.Is(syntax.KVariableDeclarator):
			pat := n.Child(syntax.FName)
			if pat.Is(syntax.KObjectPattern) && isBody(n.Child(syntax.FValue)) {
				out = append(out, patternKeys(pat)...)
			}
		}
		return true
	})
	return mergeFields(nil, out)
}

// patternKeys returns the property names an object pattern reads.
func patternKeys(pat syntax.Node) []string {
	var out []string
	for _, c := range pat.NamedChildren() {
		switch {
		case c.Is(syntax.KShorthandPropertyIdentifierPattern):
			out = append(out, c.Text())
		case c.Is(syntax.KPairPattern):
			out = append(out, strings.Trim(c.Child(syntax.FKey).Text(), `"'`))
		case c.Is(syntax.KObjectAssignmentPattern):
			out = append(out, c.Child(syntax.FLeft).Text())
		}
	}
	return out
}

// mergeFields returns the sorted union of two field lists.
func mergeFields(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// resolveHandler finds the function a handler expression names: what
// resolveValue finds, or a member of a module reached through an object
// of required modules (handlers.cards.redeem with const handlers = {
// cards: require("./cards") }).
func (p *Project) resolveHandler(f *File, e syntax.Node) (*File, *Func) {
	if hf, fn := p.resolveValue(f, e, 0); fn != nil {
		return hf, fn
	}
	e = e.Unparen()
	if !e.Is(syntax.KMemberExpression) {
		return nil, nil
	}
	mod := p.moduleValue(f, e.Child(syntax.FObject), 0)
	if mod == nil {
		return nil, nil
	}
	if ef, ex := p.ResolveExport(mod, e.Child(syntax.FProperty).Text()); ex != nil {
		return p.resolveValue(ef, ex.Value, 0)
	}
	return nil, nil
}

// moduleValue returns the project module an expression evaluates to: a
// require("./x") call, a name bound to one, or a property of an object
// literal that holds one.
func (p *Project) moduleValue(f *File, e syntax.Node, depth int) *File {
	if depth > 6 {
		return nil
	}
	e = e.Unparen()
	switch {
	case e.Is(syntax.KCallExpression):
		if spec, ok := RequireSpec(e); ok {
			return p.ResolveSpec(f, spec)
		}
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		switch {
		case b == nil:
		case b.Import != nil && b.Import.Name == "*":
			return p.ResolveSpec(f, b.Import.Spec)
		case !b.Init.IsNil() && b.Init != b.Decl:
			return p.moduleValue(f, b.Init, depth+1)
		}
	case e.Is(syntax.KMemberExpression):
		obj := e.Child(syntax.FObject).Unparen()
		if obj.Is(syntax.KIdentifier) {
			if b := f.Resolve(obj); b != nil && !b.Init.IsNil() && b.Init.Unparen().Is(syntax.KObject) {
				if v := objectMember(b.Init.Unparen(), e.Child(syntax.FProperty).Text()); !v.IsNil() {
					return p.moduleValue(f, v, depth+1)
				}
			}
		}
	}
	return nil
}
