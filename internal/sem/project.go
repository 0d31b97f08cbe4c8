package sem

import (
	"bytes"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Alias maps an import prefix to directories, as tsconfig "paths" does:
// "@app/*" -> ["/abs/src/*"].
type Alias struct {
	Pattern string   // may end in "*"
	Targets []string // absolute, slash-separated; may contain "*"
	// Scope limits the alias to the files under a directory (absolute,
	// slash-separated): a package's own tsconfig paths or package.json
	// imports. "" applies it to every file.
	Scope string
}

// Project is the project-wide index: every scanned file, and the resolution
// of imports between them.
type Project struct {
	Files   []*File
	byAbs   map[string]*File
	aliases []Alias
	bundled []Alias   // the aliases of build configuration modules (bundlerAliases)
	locks   lockIndex // lock nestings, see locks.go
	// wrappers are the data-access wrappers the configuration describes.
	wrappers []Wrapper
	// resolved memoises ResolveSpec by importing directory and specifier
	// (a specKey): rules resolve the same imports over and over.
	resolvedMu sync.RWMutex
	resolved   map[specKey]*File

	perCall    sync.Map // classKey -> bool, see PerCallInstance
	onceAcross sync.Map // classKey of a function -> bool, see onlyCalledOnce
	seqAcross  sync.Map // the same for NeverOverlaps
	queues     sync.Map // queueKey -> bool, see queuesCallback
	txWrappers sync.Map // wrapperKey -> bool, see transactionWrapperCall

	rejectionOnce     sync.Once
	rejectionHandlers []rejectionHandler // see RejectionHandler
	schema            *Schema            // see Schema
	schemaOnce        sync.Once
	entityKeys        []entityKey // the keys entity classes declare, see findEntityKeys

	importersOnce sync.Once
	// fsCheckNames are the names of the functions that return a
	// file-system check, see FSCheckHelper.
	fsCheckOnce  sync.Once
	fsCheckNames map[string]bool
	// fsEffectNames are the names of the functions with a file-system
	// effect on a parameter's path (FSEffectHelper); fsEffects memoises
	// FSParamEffects, by function.
	fsEffectNames map[string]bool
	fsEffects     sync.Map
	// browserOnlyFiles are the files only front-end code imports, see
	// browserOnly.
	browserOnlyOnce  sync.Once
	browserOnlyFiles map[*File]bool
	importers        map[*File][]*File // see Importers
	imports          map[*File][]*File // the files each file imports, see buildImporters
	// scriptEntries are the files package.json files run as one-shot
	// commands (SetScriptEntries); oneShotFiles the files only they
	// reach (OneShot).
	scriptEntries map[string]bool
	oneShotOnce   sync.Once
	oneShotFiles  map[*File]bool

	routeIx  routeIndex    // see RouteAt
	engines  engineIndex   // see SQLiteOnly
	dispatch dispatchIndex // see ProjectDispatchedEvent
	emitters emitterIndex  // see ListenerAwaitedByEmitter

	deps *Deps // what each file's analysis consulted, when recorded
}

// Importers returns the files that may call into f: f itself first, then
// every project file with an import that resolves to f and loads it (an
// import type loads nothing), in project order.
func (p *Project) Importers(f *File) []*File {
	p.buildImporters()
	if p.deps != nil && !f.importersNoted.Swap(true) {
		p.noteFact(f.Abs, ImportersFact(f.Abs))
		for _, cf := range p.importers[f] {
			p.noteFact(ImportersFact(f.Abs), cf.Abs)
		}
	}
	return append([]*File{f}, p.importers[f]...)
}

// buildImporters indexes, once, the project files that import each file.
func (p *Project) buildImporters() {
	p.importersOnce.Do(func() {
		// Resolve every file's imports in parallel, then index them in
		// project order.
		targets := make([][]*File, len(p.Files))
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1)) - 1; i < len(p.Files); i = int(next.Add(1)) - 1 {
					from := p.Files[i]
					seen := map[*File]bool{}
					for _, spec := range from.Specs {
						if !from.Loads(spec) {
							continue // import type: nothing of it runs
						}
						if t := p.ResolveSpec(from, spec); t != nil && t != from && !seen[t] {
							seen[t] = true
							targets[i] = append(targets[i], t)
						}
					}
				}
			}()
		}
		wg.Wait()
		p.importers = map[*File][]*File{}
		p.imports = make(map[*File][]*File, len(p.Files))
		for i, from := range p.Files {
			p.imports[from] = targets[i]
			for _, t := range targets[i] {
				p.importers[t] = append(p.importers[t], from)
			}
		}
	})
}

// specKey is what a resolution depends on: the importing file's directory
// (aliases are scoped by it, relative specifiers start from it) and the
// specifier.
type specKey struct{ dir, spec string }

// sourceExts are tried, in order, for extension-less specifiers.
var sourceExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// NewProject indexes files and settles which functions return promises.
// File paths in Abs must be absolute and slash-separated.
func NewProject(files []*File, aliases []Alias) *Project {
	return NewRecordedProject(files, aliases, nil)
}

// NewRecordedProject is NewProject that records in deps, when it is not
// nil, what the analysis of each file consults (see Deps).
func NewRecordedProject(files []*File, aliases []Alias, deps *Deps) *Project {
	bundled := bundlerAliases(files)
	aliases = append(append([]Alias(nil), aliases...), bundled...)
	sort.SliceStable(aliases, func(i, j int) bool { return aliasBefore(aliases[i], aliases[j]) })
	p := &Project{Files: files, byAbs: make(map[string]*File, len(files)), aliases: aliases, bundled: bundled, deps: deps}
	for _, f := range files {
		p.byAbs[f.Abs] = f
		f.project = p
	}
	p.settlePromises()
	return p
}

// File returns the indexed file with an absolute path.
func (p *Project) File(abs string) *File { return p.byAbs[abs] }

// ResolveSpec returns the project file a module specifier in from names,
// or nil for packages and files outside the scan.
func (p *Project) ResolveSpec(from *File, spec string) *File {
	if p == nil || spec == "" {
		return nil
	}
	key := specKey{from.dir(), spec}
	p.resolvedMu.RLock()
	f, ok := p.resolved[key]
	p.resolvedMu.RUnlock()
	if !ok {
		f = p.resolveSpec(from, spec)
		p.resolvedMu.Lock()
		if p.resolved == nil {
			p.resolved = map[specKey]*File{}
		}
		p.resolved[key] = f
		p.resolvedMu.Unlock()
	}
	p.noteFile(from, f)
	if !relativeSpec(spec) {
		p.noteAliases(from)
	}
	return f
}

// relativeSpec reports a specifier that no alias applies to.
func relativeSpec(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".." || strings.HasPrefix(spec, "/")
}

func (p *Project) resolveSpec(from *File, spec string) *File {
	if strings.HasPrefix(spec, "/") {
		return p.lookup(path.Clean(spec))
	}
	if relativeSpec(spec) {
		return p.lookup(path.Join(path.Dir(from.Abs), spec))
	}
	for _, a := range p.aliases {
		if !inScope(from.Abs, a.Scope) {
			continue
		}
		rest, ok := matchAlias(a.Pattern, spec)
		if !ok {
			continue
		}
		for _, t := range a.Targets {
			var buf [256]byte
			target := buf[:0]
			if star := strings.IndexByte(t, '*'); star >= 0 {
				target = append(append(append(target, t[:star]...), rest...), t[star+1:]...)
			} else {
				target = append(target, t...)
			}
			if f := p.lookupBytes(target); f != nil {
				return f
			}
		}
	}
	return nil
}

// inScope reports whether the file at abs lies under the directory scope
// ("" for every file).
func inScope(abs, scope string) bool {
	return scope == "" || len(abs) > len(scope) && abs[len(scope)] == '/' && strings.HasPrefix(abs, scope)
}

// aliasBefore orders aliases as they are tried: the innermost scope
// first, then exact patterns, then the longest prefix (as TypeScript picks
// the longest matching "paths" prefix).
func aliasBefore(a, b Alias) bool {
	if len(a.Scope) != len(b.Scope) {
		return len(a.Scope) > len(b.Scope)
	}
	aw, bw := strings.HasSuffix(a.Pattern, "*"), strings.HasSuffix(b.Pattern, "*")
	if aw != bw {
		return !aw
	}
	return len(a.Pattern) > len(b.Pattern)
}

func matchAlias(pattern, spec string) (string, bool) {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		if strings.HasPrefix(spec, prefix) {
			return spec[len(prefix):], true
		}
		return "", false
	}
	return "", pattern == spec
}

// lookup finds a file by path as Node and TypeScript resolve it: the path
// itself, with a source extension, as a directory index, and a .js specifier
// that names a .ts file.
func (p *Project) lookup(base string) *File {
	var buf [256]byte
	return p.lookupBytes(append(buf[:0], base...))
}

// lookupBytes is lookup of a path held in a buffer it may append to; the
// candidates are built in it, so that trying them allocates nothing.
func (p *Project) lookupBytes(base []byte) *File {
	n := len(base)
	if f := p.byAbs[string(base)]; f != nil {
		return f
	}
	for _, ext := range sourceExts {
		if f := p.byAbs[string(append(base[:n], ext...))]; f != nil {
			return f
		}
	}
	for _, ext := range sourceExts {
		if f := p.byAbs[string(append(append(base[:n], "/index"...), ext...))]; f != nil {
			return f
		}
	}
	for _, js := range jsExts {
		if bytes.HasSuffix(base[:n], []byte(js)) {
			stem := n - len(js)
			for _, ext := range tsExts {
				if f := p.byAbs[string(append(base[:stem], ext...))]; f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// jsExts are the extensions of a specifier that may name a TypeScript
// file (tsExts) by its compiled name.
var (
	jsExts = []string{".js", ".jsx", ".mjs", ".cjs"}
	tsExts = []string{".ts", ".tsx", ".mts", ".cts"}
)

// ResolveExport finds the declaration behind an exported name, following
// re-exports and export * chains.
func (p *Project) ResolveExport(f *File, name string) (*File, *Export) {
	return p.resolveExport(f, name, 0)
}

func (p *Project) resolveExport(f *File, name string, depth int) (*File, *Export) {
	if f == nil || depth > 16 {
		return nil, nil
	}
	if e, ok := f.Exports[name]; ok {
		if e.From != "" {
			if e.FromName == "*" {
				return nil, nil
			}
			return p.resolveExport(p.ResolveSpec(f, e.From), e.FromName, depth+1)
		}
		return f, e
	}
	if name == "default" {
		return nil, nil
	}
	for _, spec := range f.StarExports {
		if tf, e := p.resolveExport(p.ResolveSpec(f, spec), name, depth+1); e != nil {
			return tf, e
		}
	}
	return nil, nil
}

// namespaceExport returns the module that f exports whole under name:
// export * as name from "./m", or import * as name from "./m" followed by
// export { name }, followed through re-exports.
func (p *Project) namespaceExport(f *File, name string, depth int) *File {
	if f == nil || depth > 16 {
		return nil
	}
	if e, ok := f.Exports[name]; ok {
		if e.From != "" {
			t := p.ResolveSpec(f, e.From)
			if e.FromName == "*" {
				return t
			}
			return p.namespaceExport(t, e.FromName, depth+1)
		}
		if v := e.Value; v.Is(syntax.KIdentifier) {
			if b := f.Resolve(v); b != nil && b.Import != nil {
				switch b.Import.Name {
				case "*":
					return p.ResolveSpec(f, b.Import.Spec)
				case "default", "":
				default:
					return p.namespaceExport(p.ResolveSpec(f, b.Import.Spec), b.Import.Name, depth+1)
				}
			}
		}
		return nil
	}
	for _, spec := range f.StarExports {
		if t := p.namespaceExport(p.ResolveSpec(f, spec), name, depth+1); t != nil {
			return t
		}
	}
	return nil
}

// ResolveCall returns the project function a call invokes, when it can be
// known: a local function, an imported one (across files), a method of the
// enclosing class called on this, or a member of an imported module.
func (p *Project) ResolveCall(f *File, call syntax.Node) (*File, *Func) {
	if f == nil {
		return nil, nil
	}
	calls := f.Calls()
	i := sort.Search(len(calls), func(i int) bool { return calls[i].ID() >= call.ID() })
	if i == len(calls) || calls[i] != call {
		return p.resolveValue(f, call.Child(syntax.FFunction), 0)
	}
	f.calleesMu.Lock()
	if f.callees == nil {
		f.callees = make([]*callee, len(calls))
	}
	c := f.callees[i]
	f.calleesMu.Unlock()
	if c == nil {
		cf, fn := p.resolveValue(f, call.Child(syntax.FFunction), 0)
		c = &callee{cf, fn}
		f.calleesMu.Lock()
		f.callees[i] = c
		f.calleesMu.Unlock()
	}
	return c.file, c.fn
}

// callee memoises ResolveCall: several rules resolve the same calls.
type callee struct {
	file *File
	fn   *Func
}

// resolveValue finds the function an expression evaluates to.
func (p *Project) resolveValue(f *File, e syntax.Node, depth int) (*File, *Func) {
	if f == nil || depth > 12 {
		return nil, nil
	}
	e = e.Unparen()
	switch {
	case isFunction(e):
		return f, f.FuncOf(e)
	case e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
		b := f.Resolve(e)
		if b == nil {
			return nil, nil
		}
		return p.resolveBinding(f, b, depth)
	case e.Is(syntax.KMemberExpression):
		obj := e.Child(syntax.FObject).Unparen()
		prop := e.Child(syntax.FProperty).Text()
		if prop == "current" && obj.Is(syntax.KIdentifier) {
			// useRef(fn).current: the function the ref was made with.
			if b := f.Resolve(obj); b != nil && !b.Init.IsNil() {
				if init := b.Init.Unparen(); init.Is(syntax.KCallExpression) && hookCallee(init) == "useRef" {
					if args := models.Args(init); len(args) > 0 {
						return p.resolveValue(f, args[0], depth+1)
					}
				}
			}
		}
		if obj.Is(syntax.KThis) {
			// this.get() in a method of an object literal (const Store =
			// { get: async function () {...}, update: async function ()
			// { await this.get() } }) is a member of that object.
			if o := thisObject(e); !o.IsNil() {
				if m := objectMember(o, prop); !m.IsNil() {
					return p.resolveValue(f, m, depth+1)
				}
				return nil, nil
			}
		}
		if t := obj.Text(); (t == "module.exports" || t == "exports") && f.Resolve(rootOf(obj)) == nil {
			// module.exports.get(key) inside the module: its own export, or
			// a member of the object it exports whole.
			if ef, ex := p.ResolveExport(f, prop); ex != nil && ef != nil {
				return p.resolveValue(ef, ex.Value, depth+1)
			}
			if ex := f.Exports["default"]; ex != nil {
				if v := objectValue(f, ex.Value); !v.IsNil() {
					if m := objectMember(v, prop); !m.IsNil() {
						return p.resolveValue(f, m, depth+1)
					}
				}
			}
			return nil, nil
		}
		if obj.Is(syntax.KThis) || strings.HasPrefix(prop, "#") {
			// A private name (#create) is lexically scoped: on any
			// receiver it names the enclosing class's member.
			return f, f.classMethod(e, prop)
		}
		if obj.Is(syntax.KIdentifier) {
			b := f.Resolve(obj)
			if b != nil && b.Import != nil && (b.Import.Name == "*" || b.Import.Name == "default") {
				tf := p.ResolveSpec(f, b.Import.Spec)
				if ef, ex := p.ResolveExport(tf, prop); ex != nil {
					return p.resolveValue(ef, ex.Value, depth+1)
				}
				// export default { getAll, create }: svc.getAll() is a
				// member of the default-exported object.
				if ef, ex := p.ResolveExport(tf, "default"); ex != nil {
					if v := objectValue(ef, ex.Value); !v.IsNil() {
						if m := objectMember(v, prop); !m.IsNil() {
							return p.resolveValue(ef, m, depth+1)
						}
					}
				}
			}
			// const { Runs } = require("./runs") with module.exports =
			// { Runs } and const Runs = { kill: async function () {...} }:
			// Runs.kill() is a member of the exported object.
			if b != nil && b.Import != nil && b.Import.Name != "*" && b.Import.Name != "default" && b.Import.Name != "" {
				// import { Api } from "@acme/core" where Api is a module
				// re-exported whole (export * as Api from "./api", or
				// import * as Api ... export { Api }).
				if nf := p.namespaceExport(p.ResolveSpec(f, b.Import.Spec), b.Import.Name, 0); nf != nil {
					if ef, ex := p.ResolveExport(nf, prop); ex != nil {
						return p.resolveValue(ef, ex.Value, depth+1)
					}
				}
				if ef, ex := p.ResolveExport(p.ResolveSpec(f, b.Import.Spec), b.Import.Name); ex != nil {
					if v := objectValue(ef, ex.Value); !v.IsNil() {
						if m := objectMember(v, prop); !m.IsNil() {
							return p.resolveValue(ef, m, depth+1)
						}
					}
				}
			}
			if b != nil && !b.Init.IsNil() && b.Init.Unparen().Is(syntax.KObject) {
				if v := objectMember(b.Init.Unparen(), prop); !v.IsNil() {
					return p.resolveValue(f, v, depth+1)
				}
			}
			// Cache.getInstance(): a static method of a class declared
			// here or imported.
			if cf, decl := p.namedType(f, obj.Text(), 0); !decl.IsNil() && decl.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
				if mf, m := p.memberOf(cf, decl, prop, 0); !m.IsNil() && m.Is(syntax.KMethodDefinition) && m.HasToken("static") {
					return mf, mf.FuncOf(m)
				}
			}
		}
		// A method of a declared type: this.orders.create() with
		// constructor(private orders: OrderService), or a method the
		// enclosing class inherits.
		return p.typedMethod(f, e, depth)
	case e.Is(syntax.KClassDeclaration, syntax.KClass):
		return nil, nil
	case e.Is(syntax.KCallExpression):
		// useCallback(fn, deps) is fn.
		if hookCallee(e) == "useCallback" {
			if args := models.Args(e); len(args) > 0 {
				return p.resolveValue(f, args[0], depth+1)
			}
		}
		// lazyMemoize(() => new Archives()) with lazyMemoize<T>(fn: T): T
		// gives back a function of its argument's type: calling it runs
		// that argument's body.
		if _, fn := p.resolveValue(f, e.Child(syntax.FFunction), depth+1); fn != nil {
			if i := identityParam(fn.Node); i >= 0 {
				if args := models.Args(e); i < len(args) {
					return p.resolveValue(f, args[i], depth+1)
				}
			}
		}
		// dynamic(() => import("./Table").then((mod) => mod.Table)) and
		// lazy(() => import("./Table")) are the component the module
		// exports.
		if spec, name, ok := lazyComponent(f, e); ok {
			if ef, ex := p.ResolveExport(p.ResolveSpec(f, spec), name); ex != nil {
				return p.resolveValue(ef, ex.Value, depth+1)
			}
		}
	}
	return nil, nil
}

// lazyComponent reads a lazily loaded component (models.LazyComponent):
// the module a loader imports and the export it takes, "default" unless
// the loader picks one (.then((mod) => mod.Table)).
func lazyComponent(f *File, call syntax.Node) (spec, name string, ok bool) {
	args := models.Args(call)
	callee := call.Child(syntax.FFunction).Unparen()
	var lib, exported string
	switch {
	case callee.Is(syntax.KIdentifier):
		if b := f.Resolve(callee); b != nil && b.Import != nil {
			lib, exported = b.Import.Spec, b.Import.Name
			if exported != "default" {
				exported = b.ImportedName()
			}
		}
	case callee.Is(syntax.KMemberExpression):
		lib = f.importSpecOf(call)
		exported = models.Method(call)
	}
	if len(args) == 0 || !models.LazyComponent(lib, exported) {
		return "", "", false
	}
	loader := f.FuncOf(args[0].Unparen())
	if loader == nil || len(loader.Returns) != 1 {
		return "", "", false
	}
	r := loader.Returns[0].Unparen()
	name = "default"
	if r.Is(syntax.KCallExpression) {
		if m := models.Method(r); m == "then" {
			a := models.Args(r)
			if len(a) == 0 {
				return "", "", false
			}
			pick := f.FuncOf(a[0].Unparen())
			if pick == nil || len(pick.Returns) != 1 {
				return "", "", false
			}
			v := pick.Returns[0].Unparen()
			if !v.Is(syntax.KMemberExpression) {
				return "", "", false
			}
			name = v.Child(syntax.FProperty).Text()
			r = models.Receiver(r).Unparen()
		}
	}
	spec, ok = RequireSpec(r)
	return spec, name, ok && r.Child(syntax.FFunction).Is(syntax.KImport)
}

// hookCallee returns the name of a React hook a call makes (useCallback,
// React.useRef), or "".
func hookCallee(call syntax.Node) string {
	chain, m := models.Callee(call)
	if len(chain) > 1 || len(chain) == 1 && chain[0] != "React" {
		return ""
	}
	return m
}

// destructuredValue resolves a name destructured from a custom hook's
// result (const { load } = useForm(...), or from a variable holding it) to
// the property of the object literal the hook returns.
func (p *Project) destructuredValue(f *File, b *Binding, depth int) (*File, *Func) {
	pat := b.Decl.Parent()
	key := b.Name
	if pat.Is(syntax.KPairPattern) {
		key = strings.Trim(pat.Child(syntax.FKey).Text(), `"'`)
		pat = pat.Parent()
	}
	if !pat.Is(syntax.KObjectPattern) || !pat.Parent().Is(syntax.KVariableDeclarator) {
		return nil, nil
	}
	src := pat.Parent().Child(syntax.FValue).Unparen()
	if src.Is(syntax.KIdentifier) {
		if sb := f.Resolve(src); sb != nil && !sb.Init.IsNil() && sb.Init != sb.Decl {
			src = sb.Init.Unparen()
		}
	}
	if !src.Is(syntax.KCallExpression) {
		return nil, nil
	}
	if m := models.Method(src); !strings.HasPrefix(m, "use") {
		return nil, nil
	}
	hf, hook := p.resolveValue(f, src.Child(syntax.FFunction), depth+1)
	if hook == nil {
		return nil, nil
	}
	for _, r := range hook.Returns {
		if r = r.Unparen(); r.Is(syntax.KObject) {
			if v := objectMember(r, key); !v.IsNil() {
				return p.resolveValue(hf, v, depth+1)
			}
		}
	}
	return nil, nil
}

func (p *Project) resolveBinding(f *File, b *Binding, depth int) (*File, *Func) {
	switch {
	case b.Import != nil:
		if ef, ex := p.importedExport(f, b); ex != nil {
			return p.resolveValue(ef, ex.Value, depth+1)
		}
	case b.Kind == BFunction:
		return f, f.FuncOf(b.Init)
	case b.Kind == BConst || b.Kind == BLet || b.Kind == BVar:
		if !b.Init.IsNil() && b.Init != b.Decl {
			return p.resolveValue(f, b.Init, depth+1)
		}
		if b.Init.IsNil() {
			return p.destructuredValue(f, b, depth)
		}
	}
	return nil, nil
}

// importedExport returns the export an import binding names in a project
// module: its named or default export, or for a whole-module require
// (const fn = require("./fn")) what module.exports holds; nil for a
// namespace import and for a library.
func (p *Project) importedExport(f *File, b *Binding) (*File, *Export) {
	tf := p.ResolveSpec(f, b.Import.Spec)
	if tf == nil || b.Import.Name == "*" && !b.Import.Require {
		return nil, nil
	}
	name := b.Import.Name
	if name == "*" {
		name = "default"
	}
	return p.ResolveExport(tf, name)
}

// thisObject returns the object literal that this is at n when the
// function this belongs to (the nearest enclosing function that is not an
// arrow) is a method of it: { m() {...} } or { m: function () {...} }.
func thisObject(n syntax.Node) syntax.Node {
	fn := n.Parent()
	for ; !fn.IsNil(); fn = fn.Parent() {
		if isFunction(fn) && !fn.Is(syntax.KArrowFunction) {
			break
		}
	}
	switch {
	case fn.Is(syntax.KMethodDefinition) && fn.Parent().Is(syntax.KObject):
		return fn.Parent()
	case fn.Is(syntax.KFunctionExpression) && fn.Parent().Is(syntax.KPair) && fn.Parent().Parent().Is(syntax.KObject):
		return fn.Parent().Parent()
	}
	return syntax.Node{}
}

// objectMember returns the value of property name in an object literal.
func objectMember(obj syntax.Node, name string) syntax.Node {
	for _, c := range obj.NamedChildren() {
		switch {
		case c.Is(syntax.KPair) && strings.Trim(c.Child(syntax.FKey).Text(), `"'`) == name:
			return c.Child(syntax.FValue)
		case c.Is(syntax.KMethodDefinition) && c.Child(syntax.FName).Text() == name:
			return c
		case c.Is(syntax.KShorthandPropertyIdentifier) && c.Text() == name:
			return c
		}
	}
	return syntax.Node{}
}

// classMethod finds method name of the class enclosing n.
func (f *File) classMethod(n syntax.Node, name string) *Func {
	body := n.Ancestor(syntax.KClassBody)
	if body.IsNil() {
		return nil
	}
	for _, m := range body.NamedChildren() {
		switch {
		case m.Is(syntax.KMethodDefinition) && m.Child(syntax.FName).Text() == name:
			return f.FuncOf(m)
		case m.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition) && m.Child(syntax.FName).Text() == name:
			if v := m.Child(syntax.FValue).Unparen(); isFunction(v) {
				return f.FuncOf(v)
			}
		}
	}
	return nil
}

// settlePromises decides, for every function of the project, whether it
// returns a promise: async functions and Promise<...> return types do; so do
// functions that return new Promise(...), a .then/.catch/.finally chain, a
// known promise API, or a call of another function that returns a promise,
// here or in another file (solved to a fixed point).
func (p *Project) settlePromises() {
	type pending struct {
		f  *File
		fn *Func
	}
	var todo []pending
	for _, f := range p.Files {
		for _, fn := range f.Funcs {
			fn.ReturnsPromise = fn.Async || fn.promiseType
			if !fn.ReturnsPromise && !fn.Generator && len(fn.Returns) > 0 {
				todo = append(todo, pending{f, fn})
			}
		}
	}
	for round := 0; round < 32 && len(todo) > 0; round++ {
		changed := false
		next := todo[:0]
		for _, t := range todo {
			if p.returnsPromiseNow(t.f, t.fn) {
				t.fn.ReturnsPromise = true
				changed = true
			} else {
				next = append(next, t)
			}
		}
		todo = next
		if !changed {
			break
		}
	}
}

func (p *Project) returnsPromiseNow(f *File, fn *Func) bool {
	for _, r := range fn.Returns {
		if p.IsPromise(f, r) {
			return true
		}
	}
	return false
}

// IsPromise reports whether expression e evaluates to a promise, as far as
// racecheck can tell without types: new Promise, a .then/.catch/.finally
// chain, Promise.all and friends, a known promise API, an async function
// call, or a call of a project function that returns a promise.
func (p *Project) IsPromise(f *File, e syntax.Node) bool {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KNewExpression):
		return e.Child(syntax.FConstructor).Text() == "Promise"
	case e.Is(syntax.KCallExpression):
		return p.CallReturnsPromise(f, e)
	case e.Is(syntax.KTernaryExpression):
		return p.IsPromise(f, e.Child(syntax.FConsequence)) && p.IsPromise(f, e.Child(syntax.FAlternative))
	}
	return false
}

// CallReturnsPromise reports whether a call's result is a promise.
func (p *Project) CallReturnsPromise(f *File, call syntax.Node) bool {
	chain, method := models.Callee(call)
	if len(chain) > 0 && (method == "then" || method == "catch" || method == "finally") {
		// A .then chain is a promise when its receiver is one, or when it
		// is the usual promise shape (a thenable from a call).
		return true
	}
	if len(chain) == 1 && chain[0] == "Promise" {
		_, _, ok := models.PromiseStaticCall(call)
		return ok
	}
	_, ok := p.PromiseCallee(f, call)
	return ok
}

// importSpecOf returns the module a call's root receiver (or the called
// name itself) was imported from: "fs/promises" for readFile(...) imported
// from it, "axios" for axios.get(...).
func (f *File) importSpecOf(call syntax.Node) string {
	root := call.Child(syntax.FFunction).Unparen()
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	if !root.Is(syntax.KIdentifier) {
		return ""
	}
	if b := f.Resolve(root); b != nil && b.Import != nil {
		return b.Import.Spec
	}
	return ""
}

// ImportSpecOf is importSpecOf for rules.
func (f *File) ImportSpecOf(call syntax.Node) string { return f.importSpecOf(call) }

// ReceiverModule returns the package the receiver of a call comes from
// (imported from it, made by one of its factories or constructors, or
// declared with one of its types), or "".
func (f *File) ReceiverModule(call syntax.Node) string { return f.receiverModule(call) }

// objectValue returns the object literal e is, directly or through a
// const binding of f (const service = { a, b }; export default service).
func objectValue(f *File, e syntax.Node) syntax.Node {
	e = e.Unparen()
	if e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		if b := f.Resolve(e); b != nil && !b.Init.IsNil() {
			e = b.Init.Unparen()
		}
	}
	if e.Is(syntax.KObject) {
		return e
	}
	return syntax.Node{}
}

// identityParam returns the index of the parameter whose type is the
// function's declared return type when that type is one of the function's
// own type parameters (function memo<T>(fn: T, key?: string): T): what the
// function returns has the type of that argument. It returns -1 otherwise.
func identityParam(fn syntax.Node) int {
	tps := fn.Child(syntax.FTypeParameters)
	rt := fn.Child(syntax.FReturnType)
	if tps.IsNil() || rt.IsNil() {
		return -1
	}
	if rt.Is(syntax.KTypeAnnotation) {
		rt = rt.NamedChild(0)
	}
	if !rt.Is(syntax.KTypeIdentifier) {
		return -1
	}
	generic := false
	for _, tp := range tps.NamedChildren() {
		if tp.Child(syntax.FName).Text() == rt.Text() {
			generic = true
		}
	}
	if !generic {
		return -1
	}
	for i, prm := range fn.Child(syntax.FParameters).NamedChildren() {
		if !prm.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
			return -1
		}
		if t := typeOfDecl(prm); t.Is(syntax.KTypeIdentifier) && t.Text() == rt.Text() {
			return i
		}
	}
	return -1
}
